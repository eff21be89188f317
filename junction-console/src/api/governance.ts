// Tenants, teams, users, virtual keys, budgets and the audit trail, as the admin API shows them
// (docs/admin-api.md). Lists answer {"data": [...]}; PATCH changes only the fields sent, null clears one.
import { api } from './client';

export interface Limits {
  rpm: number | null;
  tpm: number | null;
  max_concurrent: number | null;
}

export interface Tenant extends Limits {
  id: string;
  name: string;
  markup: number;
  allowed_models: string[];
  metadata: Record<string, string>;
  created_at: string;
  updated_at: string;
}

export interface Team extends Limits {
  id: string;
  tenant_id: string;
  name: string;
  /** null: the tenant's markup applies. */
  markup: number | null;
  allowed_models: string[];
  metadata: Record<string, string>;
  enabled: boolean;
  created_at: string;
  updated_at: string;
}

export interface User extends Limits {
  id: string;
  tenant_id: string;
  team_id: string | null;
  name: string;
  email: string | null;
  allowed_models: string[];
  metadata: Record<string, string>;
  enabled: boolean;
  created_at: string;
  updated_at: string;
}

export interface VirtualKey extends Limits {
  id: string;
  user_id: string;
  name: string;
  /** The display prefix; the key itself is only in the create answer. */
  prefix: string;
  allowed_models: string[];
  ip_allow: string[];
  tags: string[];
  metadata: Record<string, string>;
  expires_at: string | null;
  enabled: boolean;
  capture_bodies: boolean;
  created_at: string;
  updated_at: string;
  /** When the key was revoked (disabled for good); null when it was not. */
  revoked_at: string | null;
}

export type BudgetScope = 'key' | 'user' | 'team' | 'tenant';
export type BudgetPeriod = 'daily' | 'weekly' | 'monthly' | 'total';

export interface Budget {
  id: string;
  scope: BudgetScope;
  scope_id: string;
  amount_usd: number;
  period: BudgetPeriod;
  time_zone: string;
  /** The ledger's numbers for the current period; absent when the ledger could not be asked. */
  spent_usd?: number;
  reserved_usd?: number;
  remaining_usd?: number;
  period_start?: string;
  /** null for a total budget (it never resets). */
  resets_at?: string | null;
  created_at: string;
  updated_at: string;
}

/** The create answer of a key: the only place its secret ever appears. */
export interface IssuedKey extends VirtualKey {
  key: string;
  budgets: Budget[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

export interface AuditPage {
  data: AuditEntry[];
  next_before: number | null;
}

export interface AuditVerdict {
  intact: boolean;
  first_broken_seq?: number;
}

type Body = Record<string, unknown>;
const list = async <T>(path: string, query?: Record<string, string | undefined>) =>
  (await api.get<{ data: T[] }>(path, query)).data;

export const tenants = {
  list: () => list<Tenant>('/tenants'),
  create: (body: Body) => api.post<Tenant>('/tenants', body),
  update: (id: string, body: Body) => api.patch<Tenant>(`/tenants/${encodeURIComponent(id)}`, body),
  remove: (id: string) => api.delete<void>(`/tenants/${encodeURIComponent(id)}`),
};

export const teams = {
  list: () => list<Team>('/teams'),
  create: (body: Body) => api.post<Team>('/teams', body),
  update: (id: string, body: Body) => api.patch<Team>(`/teams/${encodeURIComponent(id)}`, body),
  remove: (id: string) => api.delete<void>(`/teams/${encodeURIComponent(id)}`),
};

export const users = {
  list: () => list<User>('/users'),
  create: (body: Body) => api.post<User>('/users', body),
  update: (id: string, body: Body) => api.patch<User>(`/users/${encodeURIComponent(id)}`, body),
  remove: (id: string) => api.delete<void>(`/users/${encodeURIComponent(id)}`),
};

export const keys = {
  list: () => list<VirtualKey>('/keys'),
  create: (body: Body) => api.post<IssuedKey>('/keys', body),
  update: (id: string, body: Body) => api.patch<VirtualKey>(`/keys/${encodeURIComponent(id)}`, body),
  revoke: (id: string) => api.post<VirtualKey>(`/keys/${encodeURIComponent(id)}/revoke`),
  remove: (id: string) => api.delete<void>(`/keys/${encodeURIComponent(id)}`),
};

export const budgets = {
  list: (scope?: BudgetScope, scopeId?: string) => list<Budget>('/budgets', { scope, scope_id: scopeId }),
  create: (body: Body) => api.post<Budget>('/budgets', body),
  update: (id: string, body: Body) => api.patch<Budget>(`/budgets/${encodeURIComponent(id)}`, body),
  remove: (id: string) => api.delete<void>(`/budgets/${encodeURIComponent(id)}`),
};

export const audit = {
  page: (query: { from?: string; to?: string; before?: number; limit?: number }) =>
    api.get<AuditPage>('/audit', query),
  verify: () => api.get<AuditVerdict>('/audit/verify'),
};

/** The react-query keys of these lists, so every page invalidates the same ones. */
export const QK = {
  tenants: ['tenants'] as const,
  teams: ['teams'] as const,
  users: ['users'] as const,
  keys: ['keys'] as const,
  budgets: ['budgets'] as const,
  audit: ['audit'] as const,
};
