// Typed calls for the request log and deployment health (GET /api/admin/requests…, /api/admin/health/deployments).
import { api } from './client';

/** One request-log entry as GET /api/admin/requests shows it. */
export interface RequestEntry {
  request_id: string;
  started_at: string;
  key_name: string;
  key_id: string | null;
  user_id: string | null;
  team_id: string | null;
  tenant_id: string | null;
  endpoint: string;
  model: string;
  provider: string;
  deployment: string;
  upstream_model: string;
  stream: boolean;
  cache_hit: boolean;
  /** Who made the request: a client (`api`) or the console's playground. */
  source?: 'api' | 'playground';
  status: number;
  latency_ms: number;
  ttfb_ms: number;
  usage: { input: number; output: number; cached_read: number; cache_write: number; reasoning: number };
  costs: { metered_usd: number; standard_usd: number; charged_usd: number };
  /** Every attempt as `deployment:status:reason`, comma separated. */
  attempts: string;
  error_type: string | null;
  error_message: string | null;
  request_body?: string;
  response_body?: string;
  /** Per-attempt detail with timings, when the gateway recorded it. */
  attempt_log?: AttemptDetail[];
  /** The response headers the client got (the gateway's own and rate-limit ones), when recorded. */
  response_headers?: Record<string, string>;
}

/** One attempt with its timing (offsets from the request's start, in milliseconds). */
export interface AttemptDetail {
  deployment: string;
  provider?: string;
  status: number;
  reason: string;
  start_ms?: number;
  duration_ms?: number;
  kind?: 'first' | 'retry' | 'fallback';
}

export interface RequestPage {
  data: RequestEntry[];
  next_cursor: string | null;
}

/** A deployment's health as GET /api/admin/health/deployments shows it. */
export interface DeploymentHealth {
  id: string;
  provider?: string;
  model?: string;
  routes: string[];
  circuit: 'closed' | 'open' | 'half_open' | string;
  open_until?: string;
  cooling_down_until?: string;
  latency_ms?: number;
  in_flight?: number;
  successes?: number;
  failures?: number;
  consecutive_failures?: number;
  transitions?: number;
  last_error?: string;
  requests?: number;
}

export const requests = {
  list: (query: Record<string, string>) => api.get<RequestPage>('/requests', query),
  one: (id: string) => api.get<RequestEntry>(`/requests/${encodeURIComponent(id)}`),
};

export const health = {
  deployments: () => api.get<{ deployments: DeploymentHealth[] }>('/health/deployments').then((b) => b.deployments),
  reset: (id: string) => api.post<{ id: string; reset: boolean }>(`/health/deployments/${encodeURIComponent(id)}/reset`),
};
