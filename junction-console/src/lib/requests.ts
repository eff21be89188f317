// The request log's logic: filters ↔ the URL's query string and the API's parameters, attempts (with their timeline
// layout), the headers worth showing, live rows merged with the loaded ones, and bodies pretty-printed.
import type { AttemptDetail, RequestEntry } from '../api/requests';
import type { LiveRequest } from '../api/events';

/** The filters of the request log, as the URL keeps them (every value a string; empty means unset). */
export interface RequestFilters {
  /** A preset range ending now (15m, 1h, 24h, 7d), or 'custom' for from/to. */
  range: string;
  from: string;
  to: string;
  key_id: string;
  user_id: string;
  model: string;
  provider: string;
  status: string;
  error_class: string;
  min_charged_usd: string;
  max_charged_usd: string;
  request_id: string;
}

export const RANGES: { value: string; label: string; ms: number }[] = [
  { value: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: 'all', label: 'All time', ms: 0 },
];

const FIELDS: (keyof RequestFilters)[] = ['range', 'from', 'to', 'key_id', 'user_id', 'model', 'provider', 'status',
  'error_class', 'min_charged_usd', 'max_charged_usd', 'request_id'];

export const DEFAULT_FILTERS: RequestFilters = {
  range: '24h', from: '', to: '', key_id: '', user_id: '', model: '', provider: '', status: '', error_class: '',
  min_charged_usd: '', max_charged_usd: '', request_id: '',
};

/** The filters a query string (`?model=…&status=429`) says; what it leaves out is the default. */
export function filtersFromSearch(search: string): RequestFilters {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const f = { ...DEFAULT_FILTERS };
  for (const name of FIELDS) {
    const v = params.get(name);
    if (v !== null) f[name] = v.trim();
  }
  if (f.range !== 'custom' && !RANGES.some((r) => r.value === f.range)) f.range = DEFAULT_FILTERS.range;
  return f;
}

/** The query string of the filters, without the defaults (so a plain page has a plain URL); '' when all default. */
export function filtersToSearch(f: RequestFilters): string {
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const v = f[name].trim();
    if (v === '' || v === DEFAULT_FILTERS[name]) continue;
    if ((name === 'from' || name === 'to') && f.range !== 'custom') continue;
    params.set(name, v);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** What is wrong with the filters, by field, before they reach the API; empty when nothing is. */
export function filterProblems(f: RequestFilters): Partial<Record<keyof RequestFilters, string>> {
  const problems: Partial<Record<keyof RequestFilters, string>> = {};
  if (f.status && !/^[1-5]\d\d$/.test(f.status)) problems.status = 'An HTTP status from 100 to 599';
  const usd = (name: 'min_charged_usd' | 'max_charged_usd') => {
    if (!f[name]) return undefined;
    const n = Number(f[name]);
    if (!Number.isFinite(n) || n < 0) {
      problems[name] = 'An amount in US dollars, 0 or more';
      return undefined;
    }
    return n;
  };
  const min = usd('min_charged_usd');
  const max = usd('max_charged_usd');
  if (min !== undefined && max !== undefined && min > max) problems.max_charged_usd = 'Not less than the minimum';
  for (const name of ['from', 'to'] as const) {
    if (f.range === 'custom' && f[name] && Number.isNaN(new Date(f[name]).getTime())) problems[name] = 'A date and time';
  }
  return problems;
}

/** The API's query parameters for the filters (a preset range becomes `from` relative to `now`). */
export function filtersToQuery(f: RequestFilters, now: Date = new Date()): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.range === 'custom') {
    if (f.from) q.from = new Date(f.from).toISOString();
    if (f.to) q.to = new Date(f.to).toISOString();
  } else {
    const range = RANGES.find((r) => r.value === f.range);
    if (range && range.ms > 0) q.from = new Date(now.getTime() - range.ms).toISOString();
  }
  for (const name of ['key_id', 'user_id', 'model', 'provider', 'status', 'error_class', 'min_charged_usd',
    'max_charged_usd', 'request_id'] as const) {
    if (f[name].trim()) q[name] = f[name].trim();
  }
  return q;
}

/** How many filters differ from the defaults (for the "Clear filters" button and the empty state). */
export function activeFilterCount(f: RequestFilters): number {
  return FIELDS.filter((n) => n !== 'from' && n !== 'to' && f[n] !== DEFAULT_FILTERS[n]).length;
}

/** The error class of an entry, as analytics counts it: its error type, else http_<status> from 400 on. */
export function errorClassOf(e: { error_type?: string | null; status: number }): string {
  if (e.error_type) return e.error_type;
  return e.status >= 400 ? `http_${e.status}` : '';
}

/** A live `request` event from GET /api/admin/events. */
export type LiveRequestEvent = LiveRequest;

/** A row of the log table: what both a stored entry and a live event tell. */
export interface LogRow {
  request_id: string;
  started_at: string;
  key_name: string;
  user_id: string | null;
  model: string;
  provider: string;
  deployment: string;
  status: number;
  latency_ms: number;
  input: number;
  output: number;
  charged_usd: number;
  error_class: string;
  /** Arrived through the live stream (not yet re-read from the log). */
  live?: boolean;
}

export function rowOfEntry(e: RequestEntry): LogRow {
  return {
    request_id: e.request_id, started_at: e.started_at, key_name: e.key_name, user_id: e.user_id, model: e.model,
    provider: e.provider, deployment: e.deployment, status: e.status, latency_ms: e.latency_ms,
    input: e.usage.input, output: e.usage.output, charged_usd: e.costs.charged_usd, error_class: errorClassOf(e),
  };
}

/** A live event as a row; its start is its end minus its latency (events carry when the request ended). */
export function rowOfEvent(e: LiveRequestEvent): LogRow {
  const ended = new Date(e.at).getTime();
  return {
    request_id: e.request_id, started_at: new Date(ended - (e.latency_ms || 0)).toISOString(), key_name: e.key_name,
    user_id: e.user_id ?? null, model: e.model, provider: e.provider, deployment: e.deployment, status: e.status,
    latency_ms: e.latency_ms, input: e.input_tokens, output: e.output_tokens, charged_usd: e.cost_usd,
    error_class: errorClassOf(e), live: true,
  };
}

/**
 * Whether a live event belongs in the filtered list. Only virtual keys' requests are logged (events without a key id
 * are not); a request-id filter shows one stored entry, so no live row joins it.
 */
export function eventMatches(e: LiveRequestEvent, f: RequestFilters, now: Date = new Date()): boolean {
  if (!e.key_id) return false;
  if (f.request_id) return false;
  if (f.key_id && e.key_id !== f.key_id) return false;
  if (f.range === 'custom' && f.to) return false; // a fixed window in the past does not grow
  const q = filtersToQuery(f, now);
  if (q.from && new Date(e.at).getTime() < new Date(q.from).getTime()) return false;
  if (f.user_id && e.user_id !== f.user_id) return false;
  if (f.model && e.model !== f.model) return false;
  if (f.provider && e.provider !== f.provider) return false;
  if (f.status && String(e.status) !== f.status) return false;
  if (f.error_class && errorClassOf(e) !== f.error_class) return false;
  if (f.min_charged_usd && e.cost_usd < Number(f.min_charged_usd)) return false;
  if (f.max_charged_usd && e.cost_usd > Number(f.max_charged_usd)) return false;
  return true;
}

/**
 * The live rows put on top of the loaded ones, newest first, each request once: a request that is both live and
 * loaded shows as loaded (the stored entry is the full one). Keeps at most `max` live rows.
 */
export function mergeRows(live: LogRow[], loaded: LogRow[], max = 5000): LogRow[] {
  const seen = new Set(loaded.map((r) => r.request_id));
  const top: LogRow[] = [];
  for (const r of live) {
    if (seen.has(r.request_id)) continue;
    seen.add(r.request_id);
    top.push(r);
    if (top.length >= max) break;
  }
  return [...top, ...loaded];
}

/** Adds incoming live rows to the live list, newest first, without repeating a request; at most `max`. */
export function addLive(live: LogRow[], incoming: LogRow[], max = 5000): LogRow[] {
  const ids = new Set(live.map((r) => r.request_id));
  const fresh = incoming.filter((r) => {
    if (ids.has(r.request_id)) return false;
    ids.add(r.request_id);
    return true;
  }).reverse(); // incoming is in arrival order; the newest goes first
  return [...fresh, ...live].slice(0, max);
}

/**
 * An entry's attempts: the recorded detail when the log has it, else parsed from the summary string of older rows
 * (`deployment=status:reason@12ms` or `deployment:status:reason`, comma separated), without start offsets.
 */
export function attemptsOf(e: Pick<RequestEntry, 'attempts' | 'attempt_log'>): AttemptDetail[] {
  if (e.attempt_log && e.attempt_log.length > 0) return e.attempt_log;
  if (!e.attempts) return [];
  return e.attempts.split(',').filter((s) => s.trim()).map((part, i) => {
    const text = part.trim();
    const modern = /^(.*)=(\d{3})(?::([^@]+))?(?:@(\d+)ms)?$/.exec(text);
    if (modern) {
      return { deployment: modern[1], status: Number(modern[2]), reason: modern[3] ?? 'ok',
        duration_ms: modern[4] !== undefined ? Number(modern[4]) : undefined, kind: i === 0 ? 'first' : undefined };
    }
    // The older form splits on the last two colons (a deployment id may hold colons itself).
    const pieces = text.split(':');
    if (pieces.length >= 3 && /^\d{3}$/.test(pieces[pieces.length - 2])) {
      return { deployment: pieces.slice(0, -2).join(':'), status: Number(pieces[pieces.length - 2]),
        reason: pieces[pieces.length - 1], kind: i === 0 ? 'first' : undefined };
    }
    return { deployment: text, status: 0, reason: '' };
  });
}

/** Where each attempt's bar goes on a timeline of the whole request, in percent of its width. */
export interface TimelineBar {
  left: number;
  width: number;
  /** Whether the start offset was recorded (older rows: the bars are laid out one after another). */
  timed: boolean;
}

/**
 * Lays the attempts out on a timeline from 0 to `totalMs` (the request's latency, widened to the last attempt's end
 * when that is later). Attempts without a start offset follow each other. A bar is at least 1% wide so it shows.
 */
export function timelineLayout(attempts: AttemptDetail[], totalMs: number): TimelineBar[] {
  let cursor = 0;
  const spans = attempts.map((a) => {
    const timed = a.start_ms !== undefined;
    const start = timed ? a.start_ms! : cursor;
    const duration = Math.max(0, a.duration_ms ?? 0);
    cursor = start + duration;
    return { start, duration, timed };
  });
  const end = Math.max(totalMs, ...spans.map((s) => s.start + s.duration), 1);
  return spans.map((s) => {
    const left = Math.min(99, (s.start / end) * 100);
    const width = Math.max(1, Math.min(100 - left, (s.duration / end) * 100));
    return { left: round(left), width: round(width), timed: s.timed };
  });
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** How a header's group is named on the page. */
export type HeaderGroup = 'Request id' | 'Junction' | 'Rate limits';

/**
 * The headers worth showing, grouped and sorted: the request id, the gateway's own (x-junction-*) and the
 * rate-limit ones; anything else (should a future gateway store more) is left out.
 */
export function selectHeaders(headers: Record<string, string> | undefined):
    { group: HeaderGroup; name: string; value: string }[] {
  if (!headers) return [];
  const out: { group: HeaderGroup; name: string; value: string }[] = [];
  for (const [raw, value] of Object.entries(headers)) {
    const name = raw.toLowerCase();
    let group: HeaderGroup | null = null;
    if (name === 'x-request-id') group = 'Request id';
    else if (name.startsWith('x-junction-')) group = 'Junction';
    else if (name.startsWith('x-ratelimit-') || name.startsWith('ratelimit') || name === 'retry-after') {
      group = 'Rate limits';
    }
    if (group) out.push({ group, name, value });
  }
  const order: HeaderGroup[] = ['Request id', 'Junction', 'Rate limits'];
  return out.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group) || a.name.localeCompare(b.name));
}

/** A captured body for reading: JSON indented by two spaces, anything else (a stream, cut text) as it is. */
export function prettyBody(body: string): { text: string; json: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(body), null, 2), json: true };
  } catch {
    return { text: body, json: false };
  }
}

/** A status's colour: green for 2xx, yellow for 4xx, red for 5xx, grey otherwise. */
export function statusColor(status: number): string {
  if (status >= 200 && status < 300) return 'teal';
  if (status >= 400 && status < 500) return 'yellow';
  if (status >= 500) return 'red';
  return 'gray';
}
