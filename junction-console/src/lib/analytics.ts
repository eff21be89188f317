// The logic of the overview and analytics pages: time ranges and buckets, a view's state in the URL, series shaped
// for charts (every bucket present, one column per group), top-N lists and the metrics a chart can show.
import type { AnalyticsQuery, Bucket, Dimension, Figures, Group, SeriesPoint } from '../api/analytics';

// ---------------------------------------------------------------------------------------------- ranges and buckets

export type PresetId = '1h' | '24h' | '7d' | '30d';

export interface Preset {
  id: PresetId;
  label: string;
  millis: number;
  /** The bucket its chart uses: about 24 to 170 points. */
  bucket: Bucket;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const PRESETS: Preset[] = [
  { id: '1h', label: 'Last hour', millis: HOUR, bucket: 'minute' },
  { id: '24h', label: 'Last 24 hours', millis: DAY, bucket: 'hour' },
  { id: '7d', label: 'Last 7 days', millis: 7 * DAY, bucket: 'hour' },
  { id: '30d', label: 'Last 30 days', millis: 30 * DAY, bucket: 'day' },
];

export function isPreset(id: string | null | undefined): id is PresetId {
  return PRESETS.some((p) => p.id === id);
}

export const BUCKET_MILLIS: Record<Bucket, number> = { minute: 60_000, hour: HOUR, day: DAY };

/** The most buckets the API lets a series span (AnalyticsParams.MAX_BUCKETS). */
export const MAX_BUCKETS = 10_000;

/** A preset's range ending now, with its bucket. */
export function presetRange(id: PresetId, now: Date = new Date()): { from: string; to: string; bucket: Bucket } {
  const preset = PRESETS.find((p) => p.id === id)!;
  return { from: new Date(now.getTime() - preset.millis).toISOString(), to: now.toISOString(), bucket: preset.bucket };
}

/** The bucket that gives a readable chart for a range: minutes up to 6 hours, hours up to 14 days, then days. */
export function autoBucket(fromMs: number, toMs: number): Bucket {
  const span = toMs - fromMs;
  if (span <= 6 * HOUR) return 'minute';
  if (span <= 14 * DAY) return 'hour';
  return 'day';
}

/** The start of every bucket the API answers for the range: whole UTC buckets from the one holding `from`. */
export function bucketStarts(from: string, to: string, bucket: Bucket): number[] {
  const size = BUCKET_MILLIS[bucket];
  const start = Math.floor(Date.parse(from) / size) * size;
  const end = Math.floor((Date.parse(to) - 1) / size) * size + size;
  const starts: number[] = [];
  for (let t = start; t < end && starts.length <= MAX_BUCKETS; t += size) starts.push(t);
  return starts;
}

/** How many buckets the range spans (as the API counts them). */
export function bucketCount(from: string, to: string, bucket: Bucket): number {
  const size = BUCKET_MILLIS[bucket];
  const start = Math.floor(Date.parse(from) / size) * size;
  const end = Math.floor((Date.parse(to) - 1) / size) * size + size;
  return Math.round((end - start) / size);
}

/** A bucket's start as an axis label: "14:05" for minutes, "Dec 7 14:00" for hours, "Dec 7" for days (local time). */
export function bucketLabel(ms: number, bucket: Bucket): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = d.toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
  if (bucket === 'minute') return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (bucket === 'hour') return `${day} ${pad(d.getHours())}:00`;
  return day;
}

// ----------------------------------------------------------------------------------------------------- dimensions

/** The dimensions a view can be grouped and filtered by, in the order the pickers show them. */
export const DIMENSIONS: { id: Dimension; label: string }[] = [
  { id: 'model', label: 'Model (route)' },
  { id: 'provider', label: 'Provider' },
  { id: 'deployment', label: 'Deployment' },
  { id: 'key', label: 'Key' },
  { id: 'user', label: 'User' },
  { id: 'team', label: 'Team' },
  { id: 'tenant', label: 'Tenant' },
  { id: 'endpoint', label: 'Endpoint' },
  { id: 'error_class', label: 'Error class' },
];

/** Filters take the same dimensions. */
export const FILTERS = DIMENSIONS;

const ALL_DIMENSIONS = new Set<string>(FILTERS.map((d) => d.id));

export function dimensionLabel(d: Dimension): string {
  return FILTERS.find((x) => x.id === d)?.label ?? d;
}

/** Names for ids (keys, users, teams, tenants), so a group reads "alice" rather than "usr_…". */
export type Names = Partial<Record<Dimension, Map<string, string>>>;

/** One value of a group for display: its name when known, "(none)" when absent. */
export function valueLabel(d: Dimension, value: string | null | undefined, names: Names = {}): string {
  if (value === null || value === undefined || value === '') return d === 'error_class' ? '(no error)' : '(none)';
  return names[d]?.get(value) ?? value;
}

/** A stable key for a group over the dimensions (its values, in order). */
export function groupKey(group: Group | undefined, dims: Dimension[]): string {
  return JSON.stringify(dims.map((d) => group?.[d] ?? null));
}

/** A group as text: "gpt-4o · openai"; "All traffic" for no grouping. */
export function groupLabel(group: Group | undefined, dims: Dimension[], names: Names = {}): string {
  if (dims.length === 0) return 'All traffic';
  return dims.map((d) => valueLabel(d, group?.[d], names)).join(' · ');
}

// -------------------------------------------------------------------------------------------------------- metrics

export type MetricId = 'requests' | 'errors' | 'input_tokens' | 'output_tokens' | 'metered_usd' | 'standard_usd'
  | 'charged_usd' | 'latency_p50' | 'latency_p95' | 'latency_p99' | 'ttft_p50' | 'ttft_p95';

export interface Metric {
  id: MetricId;
  label: string;
  unit: 'count' | 'usd' | 'ms';
  value: (f: Figures) => number | null;
}

export const METRICS: Metric[] = [
  { id: 'requests', label: 'Requests', unit: 'count', value: (f) => f.requests },
  { id: 'errors', label: 'Errors', unit: 'count', value: (f) => f.errors },
  { id: 'input_tokens', label: 'Input tokens', unit: 'count', value: (f) => f.input_tokens },
  { id: 'output_tokens', label: 'Output tokens', unit: 'count', value: (f) => f.output_tokens },
  { id: 'metered_usd', label: 'Metered cost (upstream)', unit: 'usd', value: (f) => f.metered_usd },
  { id: 'standard_usd', label: 'Standard cost (list price)', unit: 'usd', value: (f) => f.standard_usd },
  { id: 'charged_usd', label: 'Charged cost (billed)', unit: 'usd', value: (f) => f.charged_usd },
  { id: 'latency_p50', label: 'Latency p50', unit: 'ms', value: (f) => f.latency_ms.p50 },
  { id: 'latency_p95', label: 'Latency p95', unit: 'ms', value: (f) => f.latency_ms.p95 },
  { id: 'latency_p99', label: 'Latency p99', unit: 'ms', value: (f) => f.latency_ms.p99 },
  { id: 'ttft_p50', label: 'Time to first token p50', unit: 'ms', value: (f) => f.ttft_ms.p50 },
  { id: 'ttft_p95', label: 'Time to first token p95', unit: 'ms', value: (f) => f.ttft_ms.p95 },
];

export const DEFAULT_METRICS: MetricId[] = ['requests', 'errors', 'charged_usd', 'latency_p95'];

export function metricOf(id: MetricId): Metric {
  return METRICS.find((m) => m.id === id)!;
}

// --------------------------------------------------------------------------------------------------------- series

export interface ChartRow {
  /** The bucket's start (epoch ms). */
  t: number;
  label: string;
  [series: string]: number | string | null;
}

/**
 * A series shaped for a chart: one row per bucket of the range (a bucket without traffic is there too: 0 for a
 * count, null — a gap — for a percentile), one column per series name. `seriesOf` names the column a point goes to
 * (its group's label) and points of a series not in `series` are left out; points of the same bucket and series add
 * up (counts only; several percentiles of a bucket are not summed, the last wins).
 */
export function fillSeries(points: SeriesPoint[], opts: {
  from: string; to: string; bucket: Bucket; series: string[]; seriesOf: (p: SeriesPoint) => string;
  value: (p: SeriesPoint) => number | null; additive: boolean;
}): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const t of bucketStarts(opts.from, opts.to, opts.bucket)) {
    const row: ChartRow = { t, label: bucketLabel(t, opts.bucket) };
    for (const s of opts.series) row[s] = opts.additive ? 0 : null;
    rows.set(t, row);
  }
  const wanted = new Set(opts.series);
  for (const p of points) {
    const row = rows.get(Date.parse(p.bucket_start));
    const name = opts.seriesOf(p);
    if (!row || !wanted.has(name)) continue;
    const v = opts.value(p);
    if (v === null) continue;
    row[name] = opts.additive ? (row[name] as number) + v : v;
  }
  return [...rows.values()];
}

/** The n rows with the highest `by`, highest first (ties keep their order); and how many were left out. */
export function topN<T>(rows: T[], n: number, by: (r: T) => number): { top: T[]; rest: number } {
  const sorted = rows.map((r, i) => ({ r, i, v: by(r) })).sort((a, b) => b.v - a.v || a.i - b.i);
  return { top: sorted.slice(0, n).map((x) => x.r), rest: Math.max(0, rows.length - n) };
}

/** The most requests the live tail keeps; older ones drop off the bottom. */
export const TAIL_ROWS = 50;

/** What the live tail shows after `incoming` arrived (oldest first): the newest first, at most `cap`. */
export function pushTail<T>(rows: T[], incoming: T[], cap = TAIL_ROWS): T[] {
  return [...incoming.slice().reverse(), ...rows].slice(0, cap);
}

/** The share of errors among requests; 0 when there were none. */
export function errorRate(requests: number, errors: number): number {
  return requests > 0 ? errors / requests : 0;
}

// ------------------------------------------------------------------------------------------------ view in the URL

/** What the analytics page shows, as its URL query keeps it (so a view can be shared and reloaded). */
export interface View {
  /** A preset, or 'custom' for from/to. */
  range: PresetId | 'custom';
  from: string;
  to: string;
  /** 'auto' picks one for the range. */
  bucket: Bucket | 'auto';
  groupBy: Dimension[];
  filters: Partial<Record<Dimension, string>>;
  metrics: MetricId[];
}

export const DEFAULT_VIEW: View = {
  range: '24h', from: '', to: '', bucket: 'auto', groupBy: ['model'], filters: {}, metrics: DEFAULT_METRICS,
};

const BUCKETS: Bucket[] = ['minute', 'hour', 'day'];

function list(text: string | null): string[] {
  return text ? text.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** The view a query string describes; what is missing or unknown takes the default. */
export function parseView(search: string): View {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const range = q.get('range');
  const bucket = q.get('bucket');
  const filters: View['filters'] = {};
  for (const f of FILTERS) {
    const v = q.get(f.id);
    if (v) filters[f.id] = v;
  }
  const metrics = list(q.get('metrics')).filter((m): m is MetricId => METRICS.some((x) => x.id === m));
  return {
    range: range === 'custom' || isPreset(range) ? range : DEFAULT_VIEW.range,
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    bucket: bucket && (BUCKETS as string[]).includes(bucket) ? bucket as Bucket : 'auto',
    groupBy: q.has('group_by')
      ? [...new Set(list(q.get('group_by')).filter((d): d is Dimension => ALL_DIMENSIONS.has(d)))]
      : DEFAULT_VIEW.groupBy,
    filters,
    metrics: q.has('metrics') ? metrics : DEFAULT_VIEW.metrics,
  };
}

/** The query string of a view (without "?"): only what differs from nothing, in a fixed order. */
export function viewToSearch(view: View): string {
  const q = new URLSearchParams();
  q.set('range', view.range);
  if (view.range === 'custom') {
    if (view.from) q.set('from', view.from);
    if (view.to) q.set('to', view.to);
  }
  if (view.bucket !== 'auto') q.set('bucket', view.bucket);
  q.set('group_by', view.groupBy.join(','));
  for (const f of FILTERS) {
    const v = view.filters[f.id];
    if (v) q.set(f.id, v);
  }
  q.set('metrics', view.metrics.join(','));
  return q.toString();
}

/** An instant as a datetime-local input shows it (local time, to the minute); '' for none or a bad one. */
export function isoToLocal(iso: string): string {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value (local time) as an RFC 3339 instant, so a shared URL means the same moment. */
export function localToIsoOrEmpty(local: string): string {
  const d = new Date(local);
  return !local || Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/**
 * The API query of a view at `now`: a preset ends now; a custom range is two RFC 3339 instants (or datetime-local
 * values, read as local time). Throws an Error with a message for the user when the range is unusable.
 */
export function viewQuery(view: View, now: Date = new Date()): AnalyticsQuery {
  let from: string;
  let to: string;
  if (view.range === 'custom') {
    const f = Date.parse(view.from);
    const t = view.to ? Date.parse(view.to) : now.getTime();
    if (!view.from || Number.isNaN(f)) throw new Error('Choose when the range starts.');
    if (Number.isNaN(t)) throw new Error('The end of the range is not a date.');
    if (t <= f) throw new Error('The range ends before it starts.');
    from = new Date(f).toISOString();
    to = new Date(t).toISOString();
  } else {
    ({ from, to } = presetRange(view.range, now));
  }
  const bucket = view.bucket === 'auto' ? autoBucket(Date.parse(from), Date.parse(to)) : view.bucket;
  const count = bucketCount(from, to, bucket);
  if (count > MAX_BUCKETS) {
    throw new Error(`This range holds ${count.toLocaleString('en-US')} ${bucket} buckets, more than the `
      + `${MAX_BUCKETS.toLocaleString('en-US')} a chart can show: choose a larger bucket or a shorter range.`);
  }
  const filters: View['filters'] = {};
  for (const [d, v] of Object.entries(view.filters)) if (v && v.trim()) filters[d as Dimension] = v.trim();
  return { from, to, bucket, group_by: view.groupBy, filters };
}
