// The live event stream of the admin API (GET /api/admin/events, server-sent events, with the session cookie).

/** A `request` event: one finished data-plane request, summarised (no bodies, no keys). */
export interface LiveRequest {
  kind: 'request';
  at: string;
  request_id: string;
  key_name: string;
  key_id?: string;
  tenant_id?: string;
  user_id?: string;
  team_id?: string;
  endpoint: string;
  model: string;
  provider: string;
  deployment: string;
  upstream_model: string;
  stream: boolean;
  status: number;
  latency_ms: number;
  ttfb_ms: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  attempts: number;
  error_type?: string;
}

export interface EventHandlers {
  /** Each event by its kind (`request`, `health`, …), its JSON data parsed. */
  on: Record<string, (data: unknown) => void>;
  /** The stream is open (true) or lost and reconnecting (false). */
  onState?: (connected: boolean) => void;
}

/**
 * Opens the stream and calls the handlers until the returned function closes it. The browser reconnects by itself
 * after a network error; a `lost` event (the reader fell behind) is passed on like any other.
 */
export function subscribeEvents(handlers: EventHandlers): () => void {
  const source = new EventSource('/api/admin/events', { withCredentials: true });
  source.onopen = () => handlers.onState?.(true);
  source.onerror = () => handlers.onState?.(false);
  for (const [kind, handle] of Object.entries(handlers.on)) {
    source.addEventListener(kind, (e) => {
      try {
        handle(JSON.parse((e as MessageEvent<string>).data));
      } catch {
        // A malformed event is skipped; the stream goes on.
      }
    });
  }
  return () => source.close();
}
