// An incremental parser of server-sent events (the text/event-stream format): bytes arrive in chunks cut anywhere,
// even inside a line or a multi-byte character; events come out once their blank line has arrived.

/** One event: its type ("message" unless an `event:` line said otherwise), its data lines joined by "\n". */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Feed it chunks with push(); it returns the events each chunk completed. end() returns a last unterminated one. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  private readonly decoder = new TextDecoder();

  /** Parses a chunk of text or bytes (a byte chunk may end inside a UTF-8 character). */
  push(chunk: string | Uint8Array): SseEvent[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const events: SseEvent[] = [];
    // A line ends at \n, \r\n or \r; a trailing \r may be the first half of \r\n, so it waits for the next chunk.
    for (;;) {
      const match = /\r\n|\n|\r/.exec(this.buffer);
      if (!match || (match[0] === '\r' && match.index === this.buffer.length - 1)) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  /** The stream is over: a last event not followed by its blank line still counts. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.buffer) {
      const event = this.line(this.buffer.replace(/\r$/, ''));
      this.buffer = '';
      if (event) events.push(event);
    }
    const last = this.dispatch();
    if (last) events.push(last);
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
    return null;
  }

  private dispatch(): SseEvent | null {
    if (this.data.length === 0) {
      this.event = '';
      return null;
    }
    const event: SseEvent = { event: this.event || 'message', data: this.data.join('\n') };
    if (this.id !== undefined) event.id = this.id;
    this.data = [];
    this.event = '';
    return event;
  }
}

/** What one OpenAI chat-completions stream event says. */
export type ChatChunk =
  | { kind: 'done' }
  | { kind: 'error'; message: string }
  | { kind: 'delta'; text: string; toolCalls: ToolCallDelta[]; finishReason: string | null;
      usage: ChunkUsage | null };

export interface ToolCallDelta { index: number; id?: string; name?: string; arguments: string }
export interface ChunkUsage { prompt_tokens: number; completion_tokens: number; total_tokens?: number }

/** Reads an OpenAI stream event: `[DONE]`, an error event or object, or a chunk's text, tool calls and usage. */
export function readChatChunk(event: SseEvent): ChatChunk {
  if (event.data.trim() === '[DONE]') return { kind: 'done' };
  let body: unknown;
  try {
    body = JSON.parse(event.data);
  } catch {
    return event.event === 'error' ? { kind: 'error', message: event.data }
      : { kind: 'error', message: `The stream sent an event that is not JSON: ${event.data.slice(0, 200)}` };
  }
  const b = body as {
    error?: { message?: string } | string;
    choices?: { delta?: { content?: string | null; tool_calls?: { index?: number; id?: string;
      function?: { name?: string; arguments?: string } }[] }; finish_reason?: string | null }[];
    usage?: ChunkUsage | null;
  };
  if (event.event === 'error' || b.error) {
    const message = typeof b.error === 'string' ? b.error : b.error?.message;
    return { kind: 'error', message: message ?? event.data };
  }
  const choice = b.choices?.[0];
  const toolCalls = (choice?.delta?.tool_calls ?? []).map((t, i) => ({ index: t.index ?? i, id: t.id,
    name: t.function?.name, arguments: t.function?.arguments ?? '' }));
  return { kind: 'delta', text: choice?.delta?.content ?? '', toolCalls, finishReason: choice?.finish_reason ?? null,
    usage: b.usage ?? null };
}
