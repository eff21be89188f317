// What the Playground and the Simulator ask of the gateway: the routes to pick from, one request-log entry by its
// request id (polled: the log writes just after the answer), and the playground's chat call, streamed or not.
import { SseParser, readChatChunk } from '../lib/sse';
import { ApiError, api, csrfHeaders, signedOut } from './client';
import type { RequestEntry } from './requests';

export interface RouteDeployment { id: string; provider: string; model: string }
export interface RouteInfo {
  name: string;
  active: boolean;
  source: string;
  groups?: { name?: string; deployments?: RouteDeployment[] }[];
}

/** One request-log entry (GET /api/admin/requests/{id}). */
export type LogEntry = RequestEntry;

export const tryApi = {
  routes: async () => (await api.get<{ routes: RouteInfo[] }>('/routes')).routes,
  entry: (id: string) => api.get<LogEntry>(`/requests/${encodeURIComponent(id)}`),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The log entry of a request, asked again while it is a 404 (not written yet); null if it never appears. */
export async function awaitEntry(id: string, tries = 20, everyMs = 250): Promise<LogEntry | null> {
  for (let i = 0; i < tries; i++) {
    try {
      return await tryApi.entry(id);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
    }
    await sleep(everyMs);
  }
  return null;
}

export interface ToolCall { id?: string; name?: string; arguments: string }
export interface Usage { prompt_tokens: number; completion_tokens: number }

/** One answer as it arrives and once it is over. */
export interface ChatAnswer {
  state: 'waiting' | 'streaming' | 'done' | 'error';
  text: string;
  toolCalls: ToolCall[];
  finishReason: string | null;
  usage: Usage | null;
  error: string | null;
  status: number | null;
  requestId: string | null;
  deployment: string | null;
  attempts: string | null;
  ttftMs: number | null;
  latencyMs: number | null;
}

export const NO_ANSWER: ChatAnswer = { state: 'waiting', text: '', toolCalls: [], finishReason: null, usage: null,
  error: null, status: null, requestId: null, deployment: null, attempts: null, ttftMs: null, latencyMs: null };

/**
 * Sends a Chat Completions body to the playground endpoint and reports the answer as it grows (each stream event)
 * and when it is over; errors are the API's own message.
 */
export async function runPlayground(body: Record<string, unknown>, onUpdate: (answer: ChatAnswer) => void,
    signal?: AbortSignal): Promise<ChatAnswer> {
  const started = performance.now();
  let answer: ChatAnswer = { ...NO_ANSWER };
  const update = (change: Partial<ChatAnswer>) => {
    answer = { ...answer, ...change };
    onUpdate(answer);
  };
  let response: Response;
  try {
    response = await fetch('/api/admin/playground/chat/completions', {
      method: 'POST', credentials: 'same-origin', signal, body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...csrfHeaders() },
    });
  } catch (e) {
    update({ state: 'error', error: `The gateway could not be reached (${(e as Error).message}).` });
    return answer;
  }
  update({ status: response.status, requestId: response.headers.get('x-request-id'),
    deployment: response.headers.get('x-junction-deployment'), attempts: response.headers.get('x-junction-attempts') });
  if (!response.ok) {
    const text = await response.text();
    let message = `The gateway answered ${response.status}.`;
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch { /* not JSON: keep the status */ }
    if (response.status === 401) signedOut();
    update({ state: 'error', error: message, latencyMs: performance.now() - started });
    return answer;
  }
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream') && response.body) {
    const parser = new SseParser();
    const reader = response.body.getReader();
    const calls: ToolCall[] = [];
    update({ state: 'streaming' });
    const apply = (events: ReturnType<SseParser['push']>) => {
      for (const event of events) {
        const chunk = readChatChunk(event);
        if (chunk.kind === 'error') {
          update({ state: 'error', error: chunk.message });
        } else if (chunk.kind === 'delta') {
          for (const t of chunk.toolCalls) {
            const call = calls[t.index] ?? (calls[t.index] = { arguments: '' });
            if (t.id) call.id = t.id;
            if (t.name) call.name = t.name;
            call.arguments += t.arguments;
          }
          const first = answer.ttftMs === null && (chunk.text || chunk.toolCalls.length > 0);
          update({ text: answer.text + chunk.text, toolCalls: [...calls],
            finishReason: chunk.finishReason ?? answer.finishReason, usage: chunk.usage ?? answer.usage,
            ...(first ? { ttftMs: performance.now() - started } : {}) });
        }
      }
    };
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        apply(parser.push(value));
      }
      apply(parser.end());
    } catch (e) {
      update({ state: 'error', error: `The stream broke off (${(e as Error).message}).` });
    }
    if (answer.state !== 'error') update({ state: 'done' });
    update({ latencyMs: performance.now() - started });
    return answer;
  }
  const json = await response.json() as { choices?: { message?: { content?: string | null; tool_calls?:
    { id?: string; function?: { name?: string; arguments?: string } }[] }; finish_reason?: string }[];
  usage?: Usage };
  const message = json.choices?.[0]?.message;
  const elapsed = performance.now() - started;
  update({ state: 'done', text: message?.content ?? '', finishReason: json.choices?.[0]?.finish_reason ?? null,
    toolCalls: (message?.tool_calls ?? []).map((t) => ({ id: t.id, name: t.function?.name,
      arguments: t.function?.arguments ?? '' })), usage: json.usage ?? null, latencyMs: elapsed, ttftMs: elapsed });
  return answer;
}
