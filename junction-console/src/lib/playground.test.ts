import { describe, expect, it } from 'vitest';
import {
  chatBody, chatTool, imageUrlProblem, parseTarget, readParams, targetValue, TOOL_TEMPLATE, toolProblems,
  userMessage,
} from './playground';

describe('readParams', () => {
  it('reads numbers and one stop sequence per line, leaving empty fields out', () => {
    expect(readParams({ temperature: '0.7', maxTokens: '100', topP: '', stop: 'END\n, and' })).toEqual({
      params: { temperature: 0.7, max_tokens: 100, stop: ['END', ', and'] }, errors: {} });
  });

  it('says which field is wrong', () => {
    const { params, errors } = readParams({ temperature: '3', maxTokens: '1.5', topP: 'x', stop: 'a\nb\nc\nd\ne' });
    expect(params).toEqual({});
    expect(errors.temperature).toMatch(/0 to 2/);
    expect(errors.maxTokens).toMatch(/whole number/);
    expect(errors.topP).toMatch(/0 to 1/);
    expect(errors.stop).toMatch(/At most 4/);
  });
});

describe('toolProblems', () => {
  it('accepts the template', () => {
    expect(toolProblems(TOOL_TEMPLATE)).toEqual([]);
    expect(chatTool(TOOL_TEMPLATE).function.parameters).toMatchObject({ type: 'object', required: ['city'] });
  });

  it('explains broken JSON, a bad name, a wrong type and an unknown required property', () => {
    expect(toolProblems({ ...TOOL_TEMPLATE, schema: '{"type":' })[0]).toMatch(/not valid JSON/);
    expect(toolProblems({ ...TOOL_TEMPLATE, name: 'has space' })[0]).toMatch(/name/);
    expect(toolProblems({ ...TOOL_TEMPLATE, schema: '{"type":"string"}' })[0]).toMatch(/"type" must be "object"/);
    expect(toolProblems({ ...TOOL_TEMPLATE, schema: '{"type":"object","properties":{"a":{"type":"text"}},'
      + '"required":["b"]}' })).toEqual(['Property "a" has an unknown type "text".',
      '"required" names "b", which is not in "properties".']);
    expect(toolProblems({ ...TOOL_TEMPLATE, schema: '[]' })).toEqual(['The schema must be a JSON object.']);
  });
});

describe('images and messages', () => {
  it('checks image URLs', () => {
    expect(imageUrlProblem('https://example.com/cat.png')).toBeNull();
    expect(imageUrlProblem('data:image/png;base64,AAAA')).toBeNull();
    expect(imageUrlProblem('ftp://x/y.png')).toMatch(/http/);
    expect(imageUrlProblem('cat')).toMatch(/Not a URL/);
  });

  it('sends text alone as a string and text with images as parts', () => {
    expect(userMessage('hi', [])).toEqual({ role: 'user', content: 'hi' });
    expect(userMessage('what is it?', [{ url: 'data:image/png;base64,AA', name: 'a.png' }])).toEqual({
      role: 'user', content: [{ type: 'text', text: 'what is it?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }] });
  });
});

describe('chatBody', () => {
  it('puts the system prompt first, asks for usage in streams and names a pinned deployment', () => {
    const body = chatBody({ target: parseTarget(targetValue({ route: 'chat', deployment: 'chat-a' })),
      system: 'Be brief.', history: [userMessage('hi', [])], params: { max_tokens: 5 }, tools: [], stream: true });
    expect(body).toEqual({ model: 'chat', max_tokens: 5, stream: true, stream_options: { include_usage: true },
      junction_deployment: 'chat-a',
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }] });
  });

  it('leaves out what is not set', () => {
    const body = chatBody({ target: { route: 'chat' }, system: ' ', history: [], params: {},
      tools: [chatTool(TOOL_TEMPLATE)], stream: false });
    expect(body).toEqual({ model: 'chat', messages: [], tools: [chatTool(TOOL_TEMPLATE)] });
  });
});
