import { changesOf, localToIso, rangeQuery, showValue } from './audit';

describe('the audit range', () => {
  it('turns local inputs into RFC 3339 and leaves empty ones out', () => {
    expect(localToIso('')).toBeUndefined();
    expect(localToIso('2026-12-07T10:00:00Z')).toBe('2026-12-07T10:00:00.000Z');
    expect(rangeQuery('', '2026-12-07T10:00:00Z')).toEqual({ from: undefined, to: '2026-12-07T10:00:00.000Z' });
  });
  it('refuses a range that ends before it starts, and a non-date', () => {
    expect(() => rangeQuery('2026-12-07T10:00:00Z', '2026-12-06T10:00:00Z')).toThrow(/ends before/);
    expect(() => localToIso('soon')).toThrow(/not a date/);
  });
});

describe('audit details', () => {
  it('reads an update as field changes', () => {
    expect(changesOf({ enabled: { from: true, to: false }, rpm: { from: null, to: 60 } })).toEqual([
      { field: 'enabled', from: true, to: false }, { field: 'rpm', from: null, to: 60 }]);
  });
  it('leaves a created entity as it is', () => {
    expect(changesOf({ id: 'key_1', name: 'laptop' })).toBeNull();
    expect(changesOf('text')).toBeNull();
    expect(changesOf({})).toBeNull();
  });
  it('shows values shortly', () => {
    expect(showValue(null)).toBe('none');
    expect(showValue('a')).toBe('a');
    expect(showValue(['x'])).toBe('["x"]');
  });
});
