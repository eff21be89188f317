import { describe, expect, it } from 'vitest';
import { buildRequest, eventLine, isEventStream, jsonProblem, maskKey, notableHeader, shownRequest, template } from './simulator';

const KEY = 'jk_live_0123456789abcdef';

describe('buildRequest', () => {
  it('sends OpenAI with a bearer key and the stream flag of the switch', () => {
    const r = buildRequest('openai', 'chat', true, KEY, template('openai', 'chat', false));
    expect(r.url).toBe('/v1/chat/completions');
    expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(r.body)).toMatchObject({ model: 'chat', stream: true });
  });

  it('sends Anthropic with x-api-key and its version', () => {
    const r = buildRequest('anthropic', 'chat', false, KEY, template('anthropic', 'chat', false));
    expect(r.url).toBe('/v1/messages');
    expect(r.headers).toMatchObject({ 'x-api-key': KEY, 'anthropic-version': '2023-06-01' });
    expect(JSON.parse(r.body)).toMatchObject({ model: 'chat', stream: false, max_tokens: 64 });
  });

  it('puts Gemini\'s model and streaming method in the path', () => {
    const body = template('gemini', 'chat', true);
    expect(buildRequest('gemini', 'chat', false, KEY, body).url).toBe('/v1beta/models/chat:generateContent');
    const streamed = buildRequest('gemini', 'a/b', true, KEY, body);
    expect(streamed.url).toBe('/v1beta/models/a%2Fb:streamGenerateContent?alt=sse');
    expect(streamed.headers['x-goog-api-key']).toBe(KEY);
    expect(JSON.parse(streamed.body).contents[0].parts[0].text).toBeTruthy();
  });
});

describe('what the page shows', () => {
  it('masks the key in the shown request', () => {
    const shown = shownRequest(buildRequest('openai', 'chat', false, KEY, template('openai', 'chat', false)), KEY);
    expect(shown).not.toContain(KEY);
    expect(shown).toContain('authorization: Bearer jk_live…cdef');
    expect(maskKey('short')).toBe('•••••');
  });

  it('explains broken JSON', () => {
    expect(jsonProblem('{"a":')).toMatch(/Not valid JSON/);
    expect(jsonProblem('[1]')).toMatch(/JSON object/);
    expect(jsonProblem('{}')).toBeNull();
  });

  it('picks the gateway\'s and the rate-limit headers', () => {
    expect(notableHeader('X-Junction-Deployment')).toBe(true);
    expect(notableHeader('x-ratelimit-remaining-requests')).toBe(true);
    expect(notableHeader('anthropic-ratelimit-requests-limit')).toBe(true);
    expect(notableHeader('content-type')).toBe(false);
    expect(isEventStream('text/event-stream; charset=utf-8')).toBe(true);
    expect(isEventStream('application/json')).toBe(false);
  });

  it('shows each stream event on one line', () => {
    expect(eventLine({ event: 'message_start', data: '{\n "type": "message_start"\n}' }))
      .toBe('message_start: {"type":"message_start"}');
    expect(eventLine({ event: 'message', data: '[DONE]' })).toBe('[DONE]');
  });
});
