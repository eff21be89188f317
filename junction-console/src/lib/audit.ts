// The audit page's logic: the range filter as query parameters, and an entry's detail as readable changes.

/** A datetime-local input's value ("2026-12-07T10:00", local time) as RFC 3339, or undefined when empty. */
export function localToIso(value: string): string | undefined {
  if (!value.trim()) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`'${value}' is not a date.`);
  return d.toISOString();
}

/** The from/to query of the range, refusing one that ends before it starts. */
export function rangeQuery(from: string, to: string): { from?: string; to?: string } {
  const f = localToIso(from);
  const t = localToIso(to);
  if (f && t && t < f) throw new Error('The range ends before it starts.');
  return { from: f, to: t };
}

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

function isChange(v: unknown): v is { from: unknown; to: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    && Object.keys(v).length === 2 && 'from' in v && 'to' in v;
}

/**
 * An update's detail ({"field": {"from", "to"}, …}) as a list of changes; null for any other detail (the fields of
 * what was created or deleted), which is shown as it is.
 */
export function changesOf(detail: unknown): Change[] | null {
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return null;
  const entries = Object.entries(detail as Record<string, unknown>);
  if (entries.length === 0 || !entries.every(([, v]) => isChange(v))) return null;
  return entries.map(([field, v]) => ({ field, from: (v as Change).from, to: (v as Change).to }));
}

/** A value of a change, short: null as "none", strings as they are, the rest as JSON. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
