import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS, addLive, attemptsOf, eventMatches, filterProblems, filtersFromSearch, filtersToQuery,
  filtersToSearch, mergeRows, prettyBody, rowOfEvent, selectHeaders, timelineLayout, type LiveRequestEvent,
  type LogRow,
} from './requests';

const row = (id: string, extra: Partial<LogRow> = {}): LogRow => ({
  request_id: id, started_at: '2026-12-07T00:00:00Z', key_name: 'k', user_id: null, model: 'chat', provider: 'p',
  deployment: 'd', status: 200, latency_ms: 10, input: 1, output: 1, charged_usd: 0, error_class: '', ...extra,
});

const event = (extra: Partial<LiveRequestEvent> = {}): LiveRequestEvent => ({
  kind: 'request', at: '2026-12-07T10:00:00.500Z', request_id: 'req_1', key_name: 'web', key_id: 'key_1', endpoint: '/v1/chat',
  model: 'chat', provider: 'mockai', deployment: 'chat-a', upstream_model: 'm', stream: false, status: 200,
  latency_ms: 500, ttfb_ms: 100, input_tokens: 3, output_tokens: 4, cost_usd: 0.002, attempts: 1, ...extra,
});

describe('filters and the query string', () => {
  it('round-trips every filter and leaves defaults out', () => {
    const f = { ...DEFAULT_FILTERS, range: '1h', model: 'chat', status: '429', provider: 'mockai',
      error_class: 'rate_limited', min_charged_usd: '0.01', max_charged_usd: '2', key_id: 'key_1', user_id: 'usr_1' };
    const search = filtersToSearch(f);
    expect(search).toContain('model=chat');
    expect(filtersFromSearch(search)).toEqual(f);
    expect(filtersToSearch(DEFAULT_FILTERS)).toBe('');
  });

  it('keeps from/to only for a custom range and falls back from an unknown range', () => {
    expect(filtersToSearch({ ...DEFAULT_FILTERS, from: '2026-01-01T00:00' })).toBe('');
    expect(filtersToSearch({ ...DEFAULT_FILTERS, range: 'custom', from: '2026-01-01T00:00' }))
      .toBe('?range=custom&from=2026-01-01T00%3A00');
    expect(filtersFromSearch('?range=5y').range).toBe('24h');
  });

  it('turns a preset range into from relative to now, and sends only set filters', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    expect(filtersToQuery({ ...DEFAULT_FILTERS, range: '1h', model: ' chat ' }, now))
      .toEqual({ from: '2026-12-07T11:00:00.000Z', model: 'chat' });
    expect(filtersToQuery({ ...DEFAULT_FILTERS, range: 'all' }, now)).toEqual({});
  });

  it('names bad values at their field', () => {
    expect(filterProblems({ ...DEFAULT_FILTERS, status: '42' }).status).toBeDefined();
    expect(filterProblems({ ...DEFAULT_FILTERS, min_charged_usd: '-1' }).min_charged_usd).toBeDefined();
    expect(filterProblems({ ...DEFAULT_FILTERS, min_charged_usd: '2', max_charged_usd: '1' }).max_charged_usd)
      .toBeDefined();
    expect(filterProblems({ ...DEFAULT_FILTERS, status: '503', min_charged_usd: '0' })).toEqual({});
  });
});

describe('live rows', () => {
  it('matches events against the filters', () => {
    const now = new Date('2026-12-07T10:00:01Z');
    expect(eventMatches(event(), DEFAULT_FILTERS, now)).toBe(true);
    expect(eventMatches(event({ key_id: undefined }), DEFAULT_FILTERS, now)).toBe(false);
    expect(eventMatches(event(), { ...DEFAULT_FILTERS, model: 'other' }, now)).toBe(false);
    expect(eventMatches(event({ status: 502 }), { ...DEFAULT_FILTERS, status: '502', error_class: 'http_502' }, now))
      .toBe(true);
    expect(eventMatches(event({ status: 429, error_type: 'rate_limited' }),
      { ...DEFAULT_FILTERS, error_class: 'http_429' }, now)).toBe(false);
    expect(eventMatches(event(), { ...DEFAULT_FILTERS, min_charged_usd: '0.01' }, now)).toBe(false);
    expect(eventMatches(event(), { ...DEFAULT_FILTERS, key_id: 'key_1' }, now)).toBe(true);
    expect(eventMatches(event(), { ...DEFAULT_FILTERS, key_id: 'key_2' }, now)).toBe(false);
    expect(eventMatches(event(), { ...DEFAULT_FILTERS, request_id: 'req_1' }, now)).toBe(false);
  });

  it('starts a live row at its end minus its latency', () => {
    expect(rowOfEvent(event()).started_at).toBe('2026-12-07T10:00:00.000Z');
  });

  it('adds incoming rows newest first, each request once', () => {
    const live = addLive([row('a')], [row('b'), row('a'), row('c'), row('c')]);
    expect(live.map((r) => r.request_id)).toEqual(['c', 'b', 'a']);
    expect(addLive([], [row('1'), row('2'), row('3')], 2).map((r) => r.request_id)).toEqual(['3', '2']);
  });

  it('puts live rows above loaded ones without duplicating a request both have', () => {
    const merged = mergeRows([row('new', { live: true }), row('old', { live: true })], [row('old'), row('older')]);
    expect(merged.map((r) => [r.request_id, !!r.live])).toEqual([['new', true], ['old', false], ['older', false]]);
  });
});

describe('attempts', () => {
  it('uses the recorded detail when there is one', () => {
    const detail = [{ deployment: 'a', status: 503, reason: 'unavailable', start_ms: 0, duration_ms: 5 }];
    expect(attemptsOf({ attempts: 'x=200@1ms', attempt_log: detail })).toBe(detail);
  });

  it('parses the summary string of older rows in both forms', () => {
    expect(attemptsOf({ attempts: 'dead=503:unavailable@12ms,chat-a=200@80ms' })).toEqual([
      { deployment: 'dead', status: 503, reason: 'unavailable', duration_ms: 12, kind: 'first' },
      { deployment: 'chat-a', status: 200, reason: 'ok', duration_ms: 80, kind: undefined },
    ]);
    expect(attemptsOf({ attempts: 'openai/gpt:x:429:rate_limited' })).toEqual([
      { deployment: 'openai/gpt:x', status: 429, reason: 'rate_limited', kind: 'first' },
    ]);
    expect(attemptsOf({ attempts: '' })).toEqual([]);
  });

  it('lays timed attempts out by their offsets and untimed ones one after another', () => {
    expect(timelineLayout([{ deployment: 'a', status: 503, reason: 'x', start_ms: 0, duration_ms: 25 },
      { deployment: 'b', status: 200, reason: 'ok', start_ms: 50, duration_ms: 50 }], 100)).toEqual([
      { left: 0, width: 25, timed: true }, { left: 50, width: 50, timed: true }]);
    expect(timelineLayout([{ deployment: 'a', status: 503, reason: 'x', duration_ms: 10 },
      { deployment: 'b', status: 200, reason: 'ok', duration_ms: 30 }], 20)).toEqual([
      { left: 0, width: 25, timed: false }, { left: 25, width: 75, timed: false }]);
    // A zero-length attempt still shows.
    expect(timelineLayout([{ deployment: 'a', status: 200, reason: 'ok', start_ms: 0, duration_ms: 0 }], 100)[0].width)
      .toBe(1);
  });
});

describe('headers and bodies', () => {
  it('keeps only the request id, the gateway\'s own and rate-limit headers, grouped', () => {
    expect(selectHeaders({ 'x-ratelimit-remaining-requests': '9', 'set-cookie': 's=1', 'X-Junction-Provider': 'p',
      'x-request-id': 'req', 'content-type': 'application/json', 'retry-after': '3' }).map((h) => h.name)).toEqual([
      'x-request-id', 'x-junction-provider', 'retry-after', 'x-ratelimit-remaining-requests']);
    expect(selectHeaders(undefined)).toEqual([]);
  });

  it('pretty-prints JSON bodies and leaves other text as it is', () => {
    expect(prettyBody('{"a":[1]}')).toEqual({ text: '{\n  "a": [\n    1\n  ]\n}', json: true });
    expect(prettyBody('data: {"x"')).toEqual({ text: 'data: {"x"', json: false });
  });
});
