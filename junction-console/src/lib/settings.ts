// The settings answer (GET /api/admin/settings) as rows for display. The gateway masks every secret as "***"
// (alone, or inside a URL: redis://:***@redis:6379); the page shows masked values as hidden, never as text that
// looks like a value, and never tries to reveal them.

export const MASK = '***';

/** Whether a value is, or contains, the gateway's mask. */
export function isMasked(value: unknown): boolean {
  return typeof value === 'string' && value.includes(MASK);
}

export interface SettingRow {
  /** The setting's key inside its section, dotted for nested ones ("delivery.retries"). */
  key: string;
  /** The value for display. */
  text: string;
  /** Whether it is (or holds) a masked secret. */
  masked: boolean;
}

const SIZE_KEYS = /(max_body_size|max_size|max_stored_size)$/;

/** Bytes as the configuration writes them: 32MB, 64KB, 1GB; exact bytes otherwise. */
export function formatBytes(n: number): string {
  const units: [number, string][] = [[1024 ** 3, 'GB'], [1024 ** 2, 'MB'], [1024, 'KB']];
  for (const [size, unit] of units) if (n >= size && n % size === 0) return `${n / size}${unit}`;
  return `${n} bytes`;
}

/** One value as text: null "—" (not set), booleans yes/no, lists joined, masked secrets "hidden". */
export function displayValue(key: string, value: unknown): SettingRow {
  if (value === null || value === undefined) return { key, text: '—', masked: false };
  if (typeof value === 'boolean') return { key, text: value ? 'yes' : 'no', masked: false };
  if (typeof value === 'number') {
    return { key, text: SIZE_KEYS.test(key) ? formatBytes(value) : String(value), masked: false };
  }
  if (typeof value === 'string') {
    if (value === MASK) return { key, text: 'hidden', masked: true };
    return { key, text: value, masked: isMasked(value) };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return { key, text: 'none', masked: false };
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      return { key, text: value.join(', '), masked: value.some(isMasked) };
    }
    // Lists of objects (keys by name, listeners, channels): one compact entry each.
    const parts = value.map((v) => Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => (x === MASK ? `${k} hidden` : `${k} ${x === null ? '—' : String(x)}`)).join(', '));
    return { key, text: parts.join(' · '), masked: value.some((v) => Object.values(v ?? {}).some(isMasked)) };
  }
  return { key, text: JSON.stringify(value), masked: isMasked(JSON.stringify(value)) };
}

/** A section's rows, nested objects flattened with dotted keys (an empty object reads "none"). */
export function sectionRows(section: unknown, prefix = ''): SettingRow[] {
  if (section === null || typeof section !== 'object' || Array.isArray(section)) {
    return [displayValue(prefix, section)];
  }
  const entries = Object.entries(section as Record<string, unknown>);
  if (entries.length === 0 && prefix) return [{ key: prefix, text: 'none', masked: false }];
  return entries.flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? sectionRows(v, key) : [displayValue(key, v)];
  });
}

/** The sections in the order the page shows them, with their titles; unknown sections come last. */
export const SECTION_TITLES: [string, string][] = [
  ['listeners', 'Listeners'], ['server', 'Server'], ['store', 'Store'], ['redis', 'Redis'], ['auth', 'Access'],
  ['console', 'Console sessions'], ['limits', 'Limits and timeouts'], ['request_logs', 'Request logs'],
  ['pricing', 'Pricing'], ['responses', 'Stored responses'], ['observability', 'Observability'],
  ['counts', 'Providers and routes'],
];

export function orderedSections(settings: Record<string, unknown>): { id: string; title: string; value: unknown }[] {
  const known = SECTION_TITLES.filter(([id]) => id in settings).map(([id, title]) => ({ id, title,
    value: settings[id] }));
  const rest = Object.keys(settings).filter((k) => k !== 'config_file' && !SECTION_TITLES.some(([id]) => id === k))
    .map((id) => ({ id, title: id, value: settings[id] }));
  return [...known, ...rest];
}
