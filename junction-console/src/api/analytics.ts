// Usage analytics from the rollups (docs/observability.md#analytics-and-retention), the deployments' health, and the
// live event stream. None of these read the request log, so they stay fast however many requests were logged.
import { api } from './client';
import type { DeploymentHealth } from './requests';

/** A dimension the rollups are split by (group_by and filter names). */
export type Dimension = 'model' | 'provider' | 'deployment' | 'endpoint' | 'key' | 'user' | 'team' | 'tenant'
  | 'error_class';
export type Bucket = 'minute' | 'hour' | 'day';

export interface Timing {
  count: number;
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** The figures of one point or total. Costs are US dollars. */
export interface Figures {
  requests: number;
  errors: number;
  errors_by_class: Record<string, number>;
  cache_hits: number;
  fallbacks: number;
  input_tokens: number;
  output_tokens: number;
  cached_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  metered_usd: number;
  standard_usd: number;
  charged_usd: number;
  latency_ms: Timing;
  ttft_ms: Timing;
}

/** A group's values; null for an absent one (say, a request with no user). */
export type Group = Partial<Record<Dimension, string | null>>;

export interface SeriesPoint extends Figures {
  bucket_start: string;
  group?: Group;
}

export interface SummaryRow extends Figures {
  group?: Group;
}

export interface Answer<T> {
  bucket: Bucket;
  from: string;
  to: string;
  group_by: Dimension[];
  data: T[];
}

export interface ReliabilityRow {
  group: { provider: string | null; deployment: string | null };
  requests: number;
  errors: number;
  success_rate: number;
  fallbacks: number;
  latency_ms: Timing;
  ttft_ms: Timing;
  top_errors: { class: string; count: number }[];
}

export type { DeploymentHealth };

/** The parameters every analytics endpoint takes. */
export interface AnalyticsQuery {
  from: string;
  to: string;
  bucket: Bucket;
  group_by?: Dimension[];
  filters?: Partial<Record<Dimension, string>>;
}

const params = (q: AnalyticsQuery) => ({ from: q.from, to: q.to, bucket: q.bucket, group_by: q.group_by,
  ...q.filters });

export const analytics = {
  series: (q: AnalyticsQuery) => api.get<Answer<SeriesPoint>>('/analytics', params(q)),
  summary: (q: AnalyticsQuery) => api.get<Answer<SummaryRow>>('/analytics/summary', params(q)),
  reliability: (q: AnalyticsQuery) =>
    api.get<Answer<ReliabilityRow>>('/analytics/reliability', { ...params(q), group_by: undefined }),
  deployments: async () => (await api.get<{ deployments: DeploymentHealth[] }>('/health/deployments')).deployments,
};

export type { LiveRequest } from './events';

/** The path of the live stream (EventSource sends the session cookie: same origin). */
export const EVENTS_PATH = '/api/admin/events';
