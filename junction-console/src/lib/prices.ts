// Price overrides as the operator types them: US dollars per million tokens (per image, per second for media).
// input and output are required; the others are optional (empty: the catalog's rule applies, e.g. cached reads cost
// the input price). The gateway checks again; this catches typos before a request is made.

export const PRICE_FIELDS = ['input', 'output', 'cached_read', 'cache_write', 'reasoning', 'per_image',
  'per_second'] as const;
export type PriceField = typeof PRICE_FIELDS[number];

export const PRICE_LABELS: Record<PriceField, string> = {
  input: 'Input', output: 'Output', cached_read: 'Cached read', cache_write: 'Cache write', reasoning: 'Reasoning',
  per_image: 'Per image', per_second: 'Per second',
};

export const PRICE_UNITS: Record<PriceField, string> = {
  input: 'USD / 1M tokens', output: 'USD / 1M tokens', cached_read: 'USD / 1M tokens',
  cache_write: 'USD / 1M tokens', reasoning: 'USD / 1M tokens', per_image: 'USD / image', per_second: 'USD / second',
};

/** The gateway refuses prices above this (far beyond any real one). */
export const MAX_PRICE = 1e6;

/**
 * One typed price: "2.5", "$2.50", " 0.075 ", "1,250.00" (a comma as thousands separator) or "1e-3".
 * Empty is null (not set); anything else that is not a finite number from 0 to 1,000,000 is an error message.
 */
export function parsePrice(text: string): { value: number | null } | { error: string } {
  let t = text.trim();
  if (t === '') return { value: null };
  if (t.startsWith('$')) t = t.slice(1).trim();
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  if (!/^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) {
    return { error: t.startsWith('-') ? 'A price cannot be negative.' : `'${text.trim()}' is not a number.` };
  }
  const value = Number(t);
  if (!Number.isFinite(value)) return { error: `'${text.trim()}' is not a number.` };
  if (value > MAX_PRICE) return { error: 'At most 1,000,000.' };
  return { value };
}

export type PriceInputs = Record<PriceField, string>;

/** The override body of a form, or the error of each field that has one. */
export function priceBody(inputs: PriceInputs):
    { body: Partial<Record<PriceField, number>> } | { errors: Partial<Record<PriceField, string>> } {
  const body: Partial<Record<PriceField, number>> = {};
  const errors: Partial<Record<PriceField, string>> = {};
  for (const field of PRICE_FIELDS) {
    const parsed = parsePrice(inputs[field] ?? '');
    if ('error' in parsed) errors[field] = parsed.error;
    else if (parsed.value !== null) body[field] = parsed.value;
    else if (field === 'input' || field === 'output') errors[field] = 'Required.';
  }
  return Object.keys(errors).length ? { errors } : { body };
}

/** A form filled with a price (an override or the catalog's), for editing. */
export function priceInputs(price?: Partial<Record<PriceField, number | null>>): PriceInputs {
  const out = {} as PriceInputs;
  for (const field of PRICE_FIELDS) {
    const v = price?.[field];
    out[field] = v === null || v === undefined ? '' : String(v);
  }
  return out;
}

/** A price per million tokens for a table: "$2.50", "$0.075"; null is "—". */
export function formatPrice(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (v === 0) return '$0';
  const digits = v >= 1 ? 2 : Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(v)) + 1));
  return `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: digits })}`;
}

/** Whether a model matches the search box: every word appears in its name, ignoring case. */
export function matchesModel(model: string, query: string): boolean {
  const name = model.toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((w) => name.includes(w));
}
