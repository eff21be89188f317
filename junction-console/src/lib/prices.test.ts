import { describe, expect, it } from 'vitest';
import { formatPrice, matchesModel, parsePrice, priceBody, priceInputs } from './prices';

describe('price input', () => {
  it('reads the ways people type dollars', () => {
    expect(parsePrice('2.5')).toEqual({ value: 2.5 });
    expect(parsePrice(' $0.075 ')).toEqual({ value: 0.075 });
    expect(parsePrice('1,250.00')).toEqual({ value: 1250 });
    expect(parsePrice('.5')).toEqual({ value: 0.5 });
    expect(parsePrice('1e-3')).toEqual({ value: 0.001 });
    expect(parsePrice('')).toEqual({ value: null });
  });

  it('refuses what is not a price', () => {
    expect(parsePrice('-1')).toEqual({ error: 'A price cannot be negative.' });
    expect(parsePrice('abc')).toHaveProperty('error');
    expect(parsePrice('1,5')).toHaveProperty('error');
    expect(parsePrice('2000000')).toEqual({ error: 'At most 1,000,000.' });
  });

  it('makes the override body: input and output required, empty optional ones left out', () => {
    const inputs = priceInputs({ input: 2.5, output: 10 });
    expect(priceBody(inputs)).toEqual({ body: { input: 2.5, output: 10 } });
    expect(priceBody({ ...inputs, cached_read: '1.25' })).toEqual({ body: { input: 2.5, output: 10,
      cached_read: 1.25 } });
    expect(priceBody({ ...inputs, output: '', per_image: 'x' })).toEqual({ errors: { output: 'Required.',
      per_image: "'x' is not a number." } });
  });

  it('formats and searches', () => {
    expect(formatPrice(2.5)).toBe('$2.50');
    expect(formatPrice(0.075)).toBe('$0.075');
    expect(formatPrice(0.8)).toBe('$0.80');
    expect(formatPrice(0.0001)).toBe('$0.0001');
    expect(formatPrice(null)).toBe('—');
    expect(matchesModel('claude-sonnet-4-5', 'Sonnet 4')).toBe(true);
    expect(matchesModel('gpt-4o', 'sonnet')).toBe(false);
  });
});
