import { formatAgo, formatCompact, formatInteger, formatMillis, formatPercent, formatUsd } from './format';

describe('formatUsd', () => {
  it('shows cents for ordinary amounts', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.42)).toBe('$0.42');
  });
  it('keeps the significant digits of tiny amounts', () => {
    expect(formatUsd(0.0031)).toBe('$0.0031');
    expect(formatUsd(0.000012)).toBe('$0.000012');
  });
  it('says nothing for a missing amount', () => {
    expect(formatUsd(undefined)).toBe('—');
    expect(formatUsd(Number.NaN)).toBe('—');
  });
  it('signs negative amounts', () => {
    expect(formatUsd(-2)).toBe('-$2.00');
  });
});

describe('numbers', () => {
  it('groups integers and compacts large ones', () => {
    expect(formatInteger(1234567)).toBe('1,234,567');
    expect(formatCompact(9999)).toBe('9,999');
    expect(formatCompact(1_234_567)).toBe('1.2M');
  });
  it('formats ratios as percentages', () => {
    expect(formatPercent(0.0123)).toBe('1.2%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
  });
});

describe('durations', () => {
  it('picks a unit', () => {
    expect(formatMillis(850.4)).toBe('850 ms');
    expect(formatMillis(1250)).toBe('1.25 s');
    expect(formatMillis(125_000)).toBe('2 min 5 s');
  });
  it('tells how long ago', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    expect(formatAgo('2026-12-07T11:59:50Z', now)).toBe('just now');
    expect(formatAgo('2026-12-07T11:55:00Z', now)).toBe('5 min ago');
    expect(formatAgo('2026-12-07T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAgo('2026-12-07T12:30:00Z', now)).toBe('in 30 min');
  });
});
