import { describe, expect, it } from 'vitest';
import type { Figures, SeriesPoint } from '../api/analytics';
import {
  autoBucket, isoToLocal, localToIsoOrEmpty, pushTail, bucketCount, bucketStarts, DEFAULT_VIEW, errorRate, fillSeries, groupLabel, parseView, presetRange,
  topN, viewQuery, viewToSearch,
} from './analytics';

const timing = { count: 0, mean: null, p50: null, p95: null, p99: null };
function point(bucket_start: string, requests: number, extra: Partial<SeriesPoint> = {}): SeriesPoint {
  const f: Figures = {
    requests, errors: 0, errors_by_class: {}, cache_hits: 0, fallbacks: 0, input_tokens: 0, output_tokens: 0,
    cached_read_tokens: 0, cache_write_tokens: 0, reasoning_tokens: 0, metered_usd: 0, standard_usd: 0,
    charged_usd: 0, latency_ms: timing, ttft_ms: timing,
  };
  return { ...f, bucket_start, ...extra };
}

describe('range presets', () => {
  const now = new Date('2026-12-07T10:30:00Z');
  it('end now and pick a bucket per preset', () => {
    expect(presetRange('1h', now)).toEqual({ from: '2026-12-07T09:30:00.000Z', to: '2026-12-07T10:30:00.000Z',
      bucket: 'minute' });
    expect(presetRange('24h', now)).toMatchObject({ from: '2026-12-06T10:30:00.000Z', bucket: 'hour' });
    expect(presetRange('7d', now)).toMatchObject({ from: '2026-11-30T10:30:00.000Z', bucket: 'hour' });
    expect(presetRange('30d', now)).toMatchObject({ from: '2026-11-07T10:30:00.000Z', bucket: 'day' });
  });
  it('auto bucket grows with the span', () => {
    const t = now.getTime();
    expect(autoBucket(t - 3_600_000, t)).toBe('minute');
    expect(autoBucket(t - 2 * 86_400_000, t)).toBe('hour');
    expect(autoBucket(t - 60 * 86_400_000, t)).toBe('day');
  });
  it('counts whole buckets as the API widens the range', () => {
    expect(bucketStarts('2026-12-07T09:30:30Z', '2026-12-07T09:33:00Z', 'minute').map((t) => new Date(t).toISOString()))
      .toEqual(['2026-12-07T09:30:00.000Z', '2026-12-07T09:31:00.000Z', '2026-12-07T09:32:00.000Z']);
    expect(bucketCount('2026-12-06T10:30:00Z', '2026-12-07T10:30:00Z', 'hour')).toBe(25);
  });
});

describe('series shaping', () => {
  it('fills empty buckets with 0 for counts and adds points of a bucket', () => {
    const rows = fillSeries([
      point('2026-12-07T09:00:00Z', 3, { group: { provider: 'a' } }),
      point('2026-12-07T09:00:00Z', 2, { group: { provider: 'a' } }),
      point('2026-12-07T11:00:00Z', 4, { group: { provider: 'b' } }),
      point('2026-12-07T11:00:00Z', 9, { group: { provider: 'c' } }),
    ], {
      from: '2026-12-07T09:00:00Z', to: '2026-12-07T12:00:00Z', bucket: 'hour', series: ['a', 'b'],
      seriesOf: (p) => p.group?.provider ?? '', value: (p) => p.requests, additive: true,
    });
    expect(rows.map((r) => [r.a, r.b])).toEqual([[5, 0], [0, 0], [0, 4]]);
    expect(rows.map((r) => r.t)).toEqual([Date.parse('2026-12-07T09:00:00Z'), Date.parse('2026-12-07T10:00:00Z'),
      Date.parse('2026-12-07T11:00:00Z')]);
    expect(rows[0]).not.toHaveProperty('c');
  });
  it('leaves gaps (null) for percentiles of empty buckets', () => {
    const rows = fillSeries([point('2026-12-07T09:01:00Z', 1, { latency_ms: { ...timing, count: 1, p95: 120 } })], {
      from: '2026-12-07T09:00:00Z', to: '2026-12-07T09:03:00Z', bucket: 'minute', series: ['All traffic'],
      seriesOf: () => 'All traffic', value: (p) => p.latency_ms.p95, additive: false,
    });
    expect(rows.map((r) => r['All traffic'])).toEqual([null, 120, null]);
  });
});

describe('top N', () => {
  it('keeps the highest first, ties in order, and counts the rest', () => {
    const { top, rest } = topN([{ n: 'a', v: 1 }, { n: 'b', v: 5 }, { n: 'c', v: 5 }, { n: 'd', v: 2 }], 3, (r) => r.v);
    expect(top.map((r) => r.n)).toEqual(['b', 'c', 'd']);
    expect(rest).toBe(1);
    expect(topN([], 5, () => 0)).toEqual({ top: [], rest: 0 });
  });
  it('error rate is 0 without requests', () => {
    expect(errorRate(0, 0)).toBe(0);
    expect(errorRate(4, 1)).toBe(0.25);
  });
});

describe('view in the URL', () => {
  it('round-trips', () => {
    const view = { ...DEFAULT_VIEW, range: 'custom' as const, from: '2026-12-01T00:00', to: '2026-12-02T00:00',
      bucket: 'minute' as const, groupBy: ['provider' as const, 'deployment' as const], filters: { model: 'chat' },
      metrics: ['requests' as const] };
    expect(parseView(viewToSearch(view))).toEqual(view);
  });
  it('takes defaults for missing or unknown values', () => {
    expect(parseView('?range=bogus&bucket=week&group_by=model,nope,model')).toMatchObject({ range: '24h',
      bucket: 'auto', groupBy: ['model'] });
    expect(parseView('')).toEqual(DEFAULT_VIEW);
    expect(parseView('group_by=').groupBy).toEqual([]);
  });
  it('turns into the API query, refusing a bad range', () => {
    const now = new Date('2026-12-07T10:30:00Z');
    expect(viewQuery({ ...DEFAULT_VIEW, range: '1h', filters: { provider: ' mockai ', model: '' } }, now))
      .toEqual({ from: '2026-12-07T09:30:00.000Z', to: '2026-12-07T10:30:00.000Z', bucket: 'minute',
        group_by: ['model'], filters: { provider: 'mockai' } });
    expect(() => viewQuery({ ...DEFAULT_VIEW, range: 'custom', from: '2026-12-02T00:00Z', to: '2026-12-01T00:00Z' }))
      .toThrow(/ends before/);
    expect(() => viewQuery({ ...DEFAULT_VIEW, range: '30d', bucket: 'minute' }, now)).toThrow(/larger bucket/);
  });
  it('labels groups with names when known', () => {
    expect(groupLabel({ provider: 'mockai', user: 'usr_1' }, ['provider', 'user'],
      { user: new Map([['usr_1', 'alice']]) })).toBe('mockai · alice');
    expect(groupLabel({ user: null }, ['user'])).toBe('(none)');
    expect(groupLabel(undefined, [])).toBe('All traffic');
    expect(groupLabel({ error_class: null }, ['error_class'])).toBe('(no error)');
  });
});

describe('live tail', () => {
  it('puts the newest first and keeps at most the cap', () => {
    expect(pushTail([2, 1], [3, 4], 3)).toEqual([4, 3, 2]);
    const full = Array.from({ length: 50 }, (_, i) => 50 - i);
    const next = pushTail(full, [51]);
    expect(next).toHaveLength(50);
    expect(next[0]).toBe(51);
    expect(next[49]).toBe(2);
  });
});

describe('custom range inputs', () => {
  it('round-trip between local input values and instants', () => {
    const iso = localToIsoOrEmpty('2026-12-07T10:05');
    expect(iso).toMatch(/^2026-12-0[67]T\d\d:\d5:00\.000Z$/);
    expect(isoToLocal(iso)).toBe('2026-12-07T10:05');
    expect(localToIsoOrEmpty('')).toBe('');
    expect(isoToLocal('nonsense')).toBe('');
  });
});
