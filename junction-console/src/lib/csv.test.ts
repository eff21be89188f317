import { describe, expect, it } from 'vitest';
import { csvField, plainNumber, toCsv } from './csv';

describe('csv', () => {
  it('quotes fields with commas, quotes, line breaks and edge spaces', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('keeps text that looks like a formula from running in a spreadsheet', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+cmd')).toBe("'+cmd");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
    expect(csvField('a-b')).toBe('a-b');
  });

  it('writes numbers plainly', () => {
    expect(plainNumber(1234567)).toBe('1234567');
    expect(plainNumber(0.42)).toBe('0.42');
    expect(plainNumber(1.2e-7)).toBe('0.00000012');
    expect(plainNumber(-3.5)).toBe('-3.5');
    expect(plainNumber(NaN)).toBe('');
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(csvField(1234.5)).toBe('1234.5');
  });

  it('builds a document of a header and rows, CRLF-separated', () => {
    const text = toCsv(['model', 'requests', 'cost'], [['gpt-4o, mini', 3, 0.000012], ['x', 0, null]]);
    expect(text).toBe('model,requests,cost\r\n"gpt-4o, mini",3,0.000012\r\nx,0,\r\n');
  });
});
