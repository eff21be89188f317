import { describe, expect, it } from 'vitest';
import type { SummaryRow } from '../api/analytics';
import { groupsCsv } from './analyticsTable';

const timing = (p50: number | null) => ({ count: p50 === null ? 0 : 1, mean: p50, p50, p95: p50, p99: p50 });
const row = (group: SummaryRow['group'], requests: number, errors: number, p50: number | null): SummaryRow => ({
  group, requests, errors, errors_by_class: {}, cache_hits: 0, fallbacks: 0, input_tokens: 1200, output_tokens: 3,
  cached_read_tokens: 0, cache_write_tokens: 0, reasoning_tokens: 0, metered_usd: 0.0000012, standard_usd: 0.5,
  charged_usd: 0.6, latency_ms: timing(p50), ttft_ms: timing(null),
});

describe('groups as CSV', () => {
  it('has a header, one line per group, names for ids and plain numbers', () => {
    const csv = groupsCsv([row({ provider: 'mock, ai', key: 'key_1' }, 4, 1, 12.5), row({ provider: null, key: null }, 0, 0, null)],
      ['provider', 'key'], { key: new Map([['key_1', 'laptop "main"']]) });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('provider,key,key_name,requests,errors,error_rate,input_tokens,output_tokens,metered_usd,'
      + 'standard_usd,charged_usd,latency_p50_ms,latency_p95_ms,ttft_p50_ms,ttft_p95_ms');
    expect(lines[1]).toBe('"mock, ai",key_1,"laptop ""main""",4,1,0.25,1200,3,0.0000012,0.5,0.6,12.5,12.5,,');
    expect(lines[2]).toBe(',,,0,0,0,1200,3,0.0000012,0.5,0.6,,,,');
    expect(lines).toHaveLength(4); // the last line ends with CRLF
  });
});
