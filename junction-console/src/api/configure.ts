// The admin API of the Configure pages: providers, routes, prices, alerts and settings.
import { api, ApiError, call } from './client';

export type Source = 'builtin' | 'env' | 'file' | 'store';

export interface ProviderView {
  name: string;
  source: Source;
  active: boolean;
  dialect?: string;
  base_url?: string;
  models?: string[];
  /** Whether a key is configured; the key itself is never answered. */
  api_key: 'set' | 'unset';
  definition?: Record<string, unknown>;
  problems?: string[];
  stored_definition_ignored?: boolean;
}

export interface DeploymentView { id: string; provider: string; model: string; weight?: number }
export interface GroupView { name: string; deployments: DeploymentView[] }

export interface RouteView {
  name: string;
  source: Source;
  active: boolean;
  strategy?: string;
  aliases?: string[];
  groups?: GroupView[];
  fallback?: { statuses?: number[]; content_policy?: string | null; context_window?: boolean };
  retry?: { attempts?: number };
  definition?: Record<string, unknown>;
  problems?: string[];
  stored_definition_ignored?: boolean;
}

export interface DryRun { name: string; dry_run: true; valid: boolean; problems: string[] }

export interface ConnectionTest {
  provider: string;
  model: string;
  ok: boolean;
  latency_ms: number;
  status?: number;
  reason?: string;
  upstream_status: number | null;
  error?: string;
}

const seg = (name: string) => encodeURIComponent(name);
/** Route and model names may contain '/', which the API takes as it is (the rest of the path is the name). */
const spanning = (name: string) => name.split('/').map(encodeURIComponent).join('/');

export const listProviders = () => api.get<{ providers: ProviderView[] }>('/providers');
export const putProvider = (name: string, body: Record<string, unknown>) =>
  api.put<ProviderView>(`/providers/${seg(name)}`, body);
export const checkProvider = async (name: string, body: Record<string, unknown>) =>
  (await call<DryRun>('PUT', `/providers/${seg(name)}`, { query: { dry_run: true }, body })).body;
export const deleteProvider = (name: string) => api.delete<{ now_inactive: string[] }>(`/providers/${seg(name)}`);
export const testProvider = (name: string, model?: string) =>
  api.post<ConnectionTest>(`/providers/${seg(name)}/test`, model ? { model } : {});

export const listRoutes = () => api.get<{ routes: RouteView[] }>('/routes');
export const putRoute = (name: string, body: Record<string, unknown>) =>
  api.put<RouteView>(`/routes/${spanning(name)}`, body);
export const checkRoute = async (name: string, body: Record<string, unknown>) =>
  (await call<DryRun>('PUT', `/routes/${spanning(name)}`, { query: { dry_run: true }, body })).body;
export const deleteRoute = (name: string) => api.delete<{ now_inactive: string[] }>(`/routes/${spanning(name)}`);

export interface PriceFields {
  input: number;
  output: number;
  cached_read: number | null;
  cache_write: number | null;
  reasoning: number | null;
  per_image: number | null;
  per_second: number | null;
}
export interface PriceRow extends PriceFields {
  model: string;
  source: 'catalog' | 'file' | 'store';
  /** For an override of a listed model: the list price it replaces. */
  catalog?: PriceFields;
}

export const priceCatalog = (q?: string) => api.get<{ version: string; data: PriceRow[] }>('/price-catalog', { q });
export const putPrice = (model: string, body: Partial<PriceFields>) =>
  api.put<PriceRow>(`/prices/${spanning(model)}`, body);
export const deletePrice = (model: string) => api.delete<void>(`/prices/${spanning(model)}`);

export interface AlertChannelView { name: string; type: string; url: string; signed: boolean; source: 'file' | 'store' }
export interface AlertRuleView {
  name: string;
  type: string;
  by?: string;
  threshold?: number;
  window?: string;
  min_requests?: number;
  after?: string;
  levels?: number[];
  cool_down: string;
  channels?: string[];
  source: 'file' | 'store';
}
/** What a stored rule is made from: a listed rule without its name and source. */
export type AlertRuleDefinition = Omit<AlertRuleView, 'name' | 'source' | 'cool_down'> & { cool_down?: string };
export interface IncidentView { rule: string; subject: string; summary: string; since: string; facts: Record<string, string> }
export interface AlertsOverview {
  channels: AlertChannelView[];
  rules: AlertRuleView[];
  incidents: IncidentView[];
  stats: Record<string, number>;
}
export interface AlertDelivery { channel: string; delivered: boolean; tries: number; status?: number; error?: string }

export const alertsOverview = () => api.get<AlertsOverview>('/alerts');
export const putAlertChannel = (name: string, body: { type: string; url: string; secret?: string }) =>
  api.put<AlertChannelView>(`/alerts/channels/${seg(name)}`, body);
export const deleteAlertChannel = (name: string) => api.delete<void>(`/alerts/channels/${seg(name)}`);
export const putAlertRule = (name: string, body: AlertRuleDefinition) =>
  api.put<AlertRuleView>(`/alerts/rules/${seg(name)}`, body);
export const deleteAlertRule = (name: string) => api.delete<void>(`/alerts/rules/${seg(name)}`);
/**
 * Sends a test message. A refused or unreachable receiver is a 502 whose body is still the delivery result, so this
 * call reads the body itself instead of going through api.post (which keeps only error messages); the CSRF token is
 * the session's, asked for again (it lives only in memory).
 */
export async function testAlertChannel(channel: string): Promise<AlertDelivery> {
  const session = await api.get<{ csrf_token: string }>('/session');
  const response = await fetch('/api/admin/alerts/test', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': session.csrf_token },
    body: JSON.stringify({ channel }),
  });
  const body = await response.json().catch(() => undefined) as Partial<AlertDelivery>
    & { error?: { type?: string; message?: string } } | undefined;
  if (body && typeof body.delivered === 'boolean') return body as AlertDelivery;
  throw new ApiError(response.status, body?.error?.type ?? `http_${response.status}`,
    body?.error?.message ?? `The gateway answered ${response.status}.`);
}

export type Settings = Record<string, unknown>;
export const settings = () => api.get<Settings>('/settings');

