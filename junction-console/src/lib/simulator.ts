// The simulator's requests: the three wire shapes a client may speak to the gateway's public endpoints, each with
// an editable template, and what the page shows of them (the key masked, the headers worth a look).

export type Shape = 'openai' | 'anthropic' | 'gemini';

export const SHAPES: { value: Shape; label: string; endpoint: string }[] = [
  { value: 'openai', label: 'OpenAI', endpoint: 'POST /v1/chat/completions, Authorization: Bearer' },
  { value: 'anthropic', label: 'Anthropic', endpoint: 'POST /v1/messages, x-api-key, anthropic-version 2023-06-01' },
  { value: 'gemini', label: 'Gemini',
    endpoint: 'POST /v1beta/models/{model}:generateContent (streaming: :streamGenerateContent?alt=sse), x-goog-api-key' },
];

/** One stream event on one line, as it came: its type when not the default, and its data. */
export function eventLine(event: { event: string; data: string }): string {
  let data = event.data;
  try {
    data = JSON.stringify(JSON.parse(event.data));
  } catch { /* not JSON ([DONE]): as it is */ }
  return event.event === 'message' ? data : `${event.event}: ${data}`;
}

/** A request ready for fetch, and as the page shows it. */
export interface SimRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The body a client of that shape would send; the stream flag lives in the body for OpenAI and Anthropic. */
export function template(shape: Shape, model: string, stream: boolean): string {
  const prompt = 'Say hello in three words.';
  let body: unknown;
  switch (shape) {
    case 'openai':
      body = { model, stream, ...(stream ? { stream_options: { include_usage: true } } : {}), max_tokens: 64,
        messages: [{ role: 'user', content: prompt }] };
      break;
    case 'anthropic':
      body = { model, stream, max_tokens: 64, messages: [{ role: 'user', content: prompt }] };
      break;
    case 'gemini':
      body = { contents: [{ role: 'user', parts: [{ text: prompt }] }], generationConfig: { maxOutputTokens: 64 } };
      break;
  }
  return JSON.stringify(body, null, 2);
}

/** Why the text is not a JSON object, or null when it is. */
export function jsonProblem(text: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `Not valid JSON: ${(e as Error).message}`;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? null : 'The body must be a JSON object.';
}

/**
 * The request for a shape: the path, the key's header, and the body as edited, with the stream flag of the switch
 * (OpenAI, Anthropic) or the streaming method in the path (Gemini). The body must be a JSON object (jsonProblem).
 */
export function buildRequest(shape: Shape, model: string, stream: boolean, key: string, bodyText: string): SimRequest {
  const body = JSON.parse(bodyText) as Record<string, unknown>;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  switch (shape) {
    case 'openai':
      headers.authorization = `Bearer ${key}`;
      return { method: 'POST', url: '/v1/chat/completions', headers,
        body: JSON.stringify({ ...body, stream }, null, 2) };
    case 'anthropic':
      headers['x-api-key'] = key;
      headers['anthropic-version'] = '2023-06-01';
      return { method: 'POST', url: '/v1/messages', headers, body: JSON.stringify({ ...body, stream }, null, 2) };
    case 'gemini': {
      headers['x-goog-api-key'] = key;
      const path = `/v1beta/models/${encodeURIComponent(model)}`;
      return { method: 'POST', url: stream ? `${path}:streamGenerateContent?alt=sse` : `${path}:generateContent`,
        headers, body: JSON.stringify(body, null, 2) };
    }
  }
}

/** A key as shown on screen: its first 7 and last 4 characters. */
export function maskKey(key: string): string {
  if (key.length <= 12) return '•'.repeat(key.length);
  return `${key.slice(0, 7)}…${key.slice(-4)}`;
}

const KEY_HEADERS = ['authorization', 'x-api-key', 'x-goog-api-key'];

/** The request as the page shows it: the key masked wherever it is. */
export function shownRequest(request: SimRequest, key: string): string {
  const lines = [`${request.method} ${request.url}`];
  for (const [name, value] of Object.entries(request.headers)) {
    lines.push(`${name}: ${KEY_HEADERS.includes(name) ? value.replace(key, maskKey(key)) : value}`);
  }
  return `${lines.join('\n')}\n\n${request.body}`;
}

/** The response headers worth a look: the gateway's own, the request id, and every rate-limit header. */
export function notableHeader(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('x-junction-') || n === 'x-request-id' || n.includes('ratelimit') || n === 'retry-after';
}

/** Pretty-prints JSON text; other text as it is. */
export function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Whether a response is a stream of server-sent events. */
export function isEventStream(contentType: string | null): boolean {
  return (contentType ?? '').toLowerCase().startsWith('text/event-stream');
}
