import { describe, expect, it } from 'vitest';
import { readChatChunk, SseParser } from './sse';

describe('SseParser', () => {
  it('emits an event only once its blank line arrived, whatever the chunk boundaries', () => {
    const parser = new SseParser();
    expect(parser.push('data: {"a"')).toEqual([]);
    expect(parser.push(':1}\n')).toEqual([]);
    expect(parser.push('\ndata: second\n\n')).toEqual([
      { event: 'message', data: '{"a":1}' }, { event: 'message', data: 'second' }]);
  });

  it('joins multi-line data with newlines and keeps the event type and id', () => {
    const parser = new SseParser();
    const events = parser.push('event: content_block_delta\nid: 7\ndata: line one\ndata:line two\n\n');
    expect(events).toEqual([{ event: 'content_block_delta', id: '7', data: 'line one\nline two' }]);
  });

  it('accepts CRLF and a CR split from its LF across chunks, and ignores comments', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\r\ndata: x\r')).toEqual([]);
    expect(parser.push('\n\r\n')).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('decodes UTF-8 split inside a character', () => {
    const bytes = new TextEncoder().encode('data: héllo\n\n');
    const parser = new SseParser();
    expect(parser.push(bytes.slice(0, 8))).toEqual([]);
    expect(parser.push(bytes.slice(8))).toEqual([{ event: 'message', data: 'héllo' }]);
  });

  it('returns an unterminated last event at the end, and nothing for an event without data', () => {
    const parser = new SseParser();
    expect(parser.push('event: ping\n\ndata: [DONE]')).toEqual([]);
    expect(parser.end()).toEqual([{ event: 'message', data: '[DONE]' }]);
    expect(parser.end()).toEqual([]);
  });
});

describe('readChatChunk', () => {
  it('reads text, tool-call deltas, the finish reason and usage', () => {
    const chunk = readChatChunk({ event: 'message', data: JSON.stringify({ choices: [{ delta: { content: 'Hi',
      tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{"' } }] }, finish_reason: null }],
    usage: null }) });
    expect(chunk).toEqual({ kind: 'delta', text: 'Hi', finishReason: null, usage: null,
      toolCalls: [{ index: 0, id: 'call_1', name: 'f', arguments: '{"' }] });
    expect(readChatChunk({ event: 'message', data: '{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}' }))
      .toMatchObject({ kind: 'delta', text: '', usage: { prompt_tokens: 3, completion_tokens: 2 } });
  });

  it('recognises [DONE] and error events', () => {
    expect(readChatChunk({ event: 'message', data: '[DONE]' })).toEqual({ kind: 'done' });
    expect(readChatChunk({ event: 'message', data: '{"error":{"message":"upstream broke","type":"x"}}' }))
      .toEqual({ kind: 'error', message: 'upstream broke' });
    expect(readChatChunk({ event: 'error', data: 'gone' })).toEqual({ kind: 'error', message: 'gone' });
    expect(readChatChunk({ event: 'message', data: 'nonsense' }).kind).toBe('error');
  });
});
