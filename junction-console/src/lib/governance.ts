// The logic behind the Keys, People and Budgets pages: form values → API bodies (only changed fields for a PATCH,
// null for a cleared optional field), limits, expiry presets, key status, budget status and search filtering.
import type { Budget, Limits, VirtualKey } from '../api/governance';

/** What a number input holds: a number, or '' when empty (Mantine's NumberInput). */
export type NumberText = number | string;

/**
 * A limit from its input: empty means none (null); otherwise a whole number of at least 1.
 *
 * @throws Error naming the field when it is not one
 */
export function parseLimit(label: string, value: NumberText | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text === '') return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${label} must be a whole number of at least 1, or empty for none.`);
  return n;
}

/** The three limits of a form, parsed. */
export function parseLimits(form: { rpm: NumberText; tpm: NumberText; max_concurrent: NumberText }): Limits {
  return {
    rpm: parseLimit('Requests per minute', form.rpm),
    tpm: parseLimit('Tokens per minute', form.tpm),
    max_concurrent: parseLimit('Max concurrent', form.max_concurrent),
  };
}

/** A list input's entries: trimmed, without blanks and duplicates, in order. */
export function cleanList(values: string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const t = v.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** An optional text: blank is null. */
export function optionalText(value: string | null | undefined): string | null {
  const t = (value ?? '').trim();
  return t === '' ? null : t;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * A PATCH body: the fields of `after` whose value differs from `before` (null where a field was cleared).
 * An empty object means nothing changed.
 */
export function changedFields(before: object, after: Record<string, unknown>): Record<string, unknown> {
  const was = before as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (!same(was[name], value)) body[name] = value;
  }
  return body;
}

/** How long a new key lives; `keep` (edit only) leaves the expiry as it is, `custom` takes a date. */
export type ExpiryPreset = 'keep' | 'never' | '1d' | '7d' | '30d' | '90d' | '365d' | 'custom';

export const EXPIRY_PRESETS: { value: ExpiryPreset; label: string }[] = [
  { value: 'never', label: 'Never' },
  { value: '1d', label: '1 day' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
  { value: '365d', label: '1 year' },
  { value: 'custom', label: 'On a date…' },
];

/**
 * The expiry fields of a body: a preset becomes `expires_in`, a custom date `expires_at` (RFC 3339), `never`
 * nothing on create and `expires_at: null` on edit (which clears it), `keep` nothing.
 *
 * @param custom the custom date as a datetime-local input holds it ("2026-12-31T18:00", local time)
 * @param now to refuse a date in the past before the API does
 * @throws Error for a missing, invalid or past custom date
 */
export function expiryFields(preset: ExpiryPreset, custom: string, mode: 'create' | 'edit', now = new Date()):
    { expires_in?: string; expires_at?: string | null } {
  switch (preset) {
    case 'keep':
      return {};
    case 'never':
      return mode === 'edit' ? { expires_at: null } : {};
    case 'custom': {
      if (!custom.trim()) throw new Error('Pick the date the key expires.');
      const at = new Date(custom);
      if (Number.isNaN(at.getTime())) throw new Error(`'${custom}' is not a date.`);
      if (at.getTime() <= now.getTime()) throw new Error('The expiry date must be in the future.');
      return { expires_at: at.toISOString() };
    }
    default:
      return { expires_in: preset };
  }
}

/** A budget as a form holds it. */
export interface BudgetForm {
  amount: NumberText;
  period: Budget['period'];
  time_zone: string;
}

/** A budget's body (`amount_usd`, `period`, `time_zone`); the amount must be a positive number. */
export function budgetFields(form: BudgetForm): { amount_usd: number; period: Budget['period']; time_zone: string } {
  const amount = Number(String(form.amount).trim());
  if (String(form.amount).trim() === '' || !Number.isFinite(amount) || amount <= 0) {
    throw new Error('The budget amount must be a positive number of US dollars.');
  }
  return { amount_usd: amount, period: form.period, time_zone: optionalText(form.time_zone) ?? 'UTC' };
}

/** A key form's values. */
export interface KeyForm {
  user_id: string | null;
  name: string;
  allowed_models: string[];
  ip_allow: string[];
  tags: string[];
  rpm: NumberText;
  tpm: NumberText;
  max_concurrent: NumberText;
  capture_bodies: boolean;
  expiry: ExpiryPreset;
  expires_custom: string;
  budgets: BudgetForm[];
}

export function emptyKeyForm(userId: string | null = null): KeyForm {
  return { user_id: userId, name: '', allowed_models: [], ip_allow: [], tags: [], rpm: '', tpm: '',
    max_concurrent: '', capture_bodies: false, expiry: 'never', expires_custom: '', budgets: [] };
}

/** The form for editing a key: its current values, expiry kept. */
export function keyFormOf(k: VirtualKey): KeyForm {
  return { user_id: k.user_id, name: k.name, allowed_models: k.allowed_models, ip_allow: k.ip_allow, tags: k.tags,
    rpm: k.rpm ?? '', tpm: k.tpm ?? '', max_concurrent: k.max_concurrent ?? '', capture_bodies: k.capture_bodies,
    expiry: 'keep', expires_custom: '', budgets: [] };
}

function keyFields(form: KeyForm) {
  const name = form.name.trim();
  if (!name) throw new Error('Give the key a name.');
  return { name, allowed_models: cleanList(form.allowed_models), ip_allow: cleanList(form.ip_allow),
    tags: cleanList(form.tags), ...parseLimits(form), capture_bodies: form.capture_bodies };
}

/** The POST /keys body: unset limits left out, at most one budget per period. */
export function keyCreateBody(form: KeyForm, now = new Date()): Record<string, unknown> {
  if (!form.user_id) throw new Error('Choose the user the key belongs to.');
  const fields: Record<string, unknown> = { user_id: form.user_id, ...keyFields(form),
    ...expiryFields(form.expiry, form.expires_custom, 'create', now) };
  for (const limit of ['rpm', 'tpm', 'max_concurrent']) if (fields[limit] === null) delete fields[limit];
  const budgets = form.budgets.map(budgetFields);
  if (new Set(budgets.map((b) => b.period)).size < budgets.length) {
    throw new Error('A key has at most one budget per period.');
  }
  if (budgets.length) fields.budgets = budgets;
  return fields;
}

/** The PATCH /keys/{id} body: only what changed from `before`. */
export function keyPatchBody(before: VirtualKey, form: KeyForm, now = new Date()): Record<string, unknown> {
  return { ...changedFields(before, keyFields(form)), ...expiryFields(form.expiry, form.expires_custom, 'edit', now) };
}

/** A user, team or tenant form's values (fields a kind lacks are ignored). */
export interface PartyForm {
  name: string;
  email: string;
  tenant_id: string | null;
  team_id: string | null;
  markup: NumberText;
  rpm: NumberText;
  tpm: NumberText;
  max_concurrent: NumberText;
  allowed_models: string[];
}

export type PartyKind = 'tenant' | 'team' | 'user';

export function emptyPartyForm(): PartyForm {
  return { name: '', email: '', tenant_id: null, team_id: null, markup: '', rpm: '', tpm: '', max_concurrent: '',
    allowed_models: [] };
}

/** The markup from its input: a fraction (0.2 is 20 %) between -1 and 100; empty is null. */
export function parseMarkup(value: NumberText): number | null {
  const text = String(value).trim();
  if (text === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < -1 || n > 100) throw new Error('Markup must be a number between -1 and 100 (0.2 is 20 %).');
  return n;
}

/** The fields of a party's body (create or the "after" side of an edit). */
export function partyFields(kind: PartyKind, form: PartyForm): Record<string, unknown> {
  const name = form.name.trim();
  if (!name) throw new Error('A name is required.');
  const fields: Record<string, unknown> = { name, ...parseLimits(form), allowed_models: cleanList(form.allowed_models) };
  if (kind === 'tenant') fields.markup = parseMarkup(form.markup) ?? 0;
  if (kind === 'team') fields.markup = parseMarkup(form.markup);
  if (kind === 'user') {
    fields.email = optionalText(form.email);
    fields.team_id = form.team_id || null;
  }
  return fields;
}

/** The POST body of a new party: nulls left out, the tenant for teams and users. */
export function partyCreateBody(kind: PartyKind, form: PartyForm): Record<string, unknown> {
  const fields = partyFields(kind, form);
  for (const [k, v] of Object.entries(fields)) if (v === null) delete fields[k];
  if (kind !== 'tenant') {
    if (!form.tenant_id) throw new Error('Choose a tenant.');
    fields.tenant_id = form.tenant_id;
  }
  return fields;
}

/** The API names the field at the start of a validation message ("'team_id': there is no team …"). */
export function fieldOfMessage(message: string): string | null {
  const m = /^'([a-z_]+)'/.exec(message);
  return m ? m[1] : null;
}

export type KeyStatus = 'enabled' | 'disabled' | 'revoked' | 'expired';

/** A key's status: revoked (for good) wins over expired (past its expiry), which wins over disabled. */
export function keyStatus(k: Pick<VirtualKey, 'enabled' | 'expires_at' | 'revoked_at'>, now = new Date()): KeyStatus {
  if (k.revoked_at) return 'revoked';
  if (k.expires_at && new Date(k.expires_at).getTime() <= now.getTime()) return 'expired';
  return k.enabled ? 'enabled' : 'disabled';
}

/** Whether every word of the query occurs (case-insensitively) in one of the fields. */
export function matchesSearch(query: string, ...fields: (string | null | undefined)[]): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = fields.filter(Boolean).join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Keys matching a search over name, prefix, id, tags and the owner's name, and a status (or all). */
export function filterKeys(all: VirtualKey[], query: string, status: KeyStatus | 'all',
    userName: (id: string) => string | undefined, now = new Date()): VirtualKey[] {
  return all.filter((k) => (status === 'all' || keyStatus(k, now) === status)
    && matchesSearch(query, k.name, k.prefix, k.id, k.user_id, userName(k.user_id), ...k.tags));
}

export interface BudgetStatus {
  /** Spent and reserved as a share of the amount (may exceed 1). */
  ratio: number;
  /** Mantine colour: teal under 75 %, yellow to 90 %, orange below 100 %, red at or over. */
  color: 'teal' | 'yellow' | 'orange' | 'red' | 'gray';
  /** The ledger's numbers are missing (it could not be asked). */
  unknown: boolean;
}

/** How much of a budget is used, and the colour that says so. */
export function budgetStatus(b: Pick<Budget, 'amount_usd' | 'spent_usd' | 'reserved_usd'>): BudgetStatus {
  if (b.spent_usd === undefined) return { ratio: 0, color: 'gray', unknown: true };
  const used = b.spent_usd + (b.reserved_usd ?? 0);
  const ratio = b.amount_usd > 0 ? used / b.amount_usd : used > 0 ? Infinity : 0;
  const color = ratio >= 1 ? 'red' : ratio >= 0.9 ? 'orange' : ratio >= 0.75 ? 'yellow' : 'teal';
  return { ratio, color, unknown: false };
}
