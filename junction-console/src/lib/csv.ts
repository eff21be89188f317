// CSV as RFC 4180 writes it: comma-separated fields, CRLF between records, a field quoted when it holds a comma, a
// quote, a line break or edge spaces (quotes inside doubled). Numbers are written plainly (no grouping, no exponent),
// so a spreadsheet reads them as numbers. Text that a spreadsheet would run as a formula (a key or user name
// starting with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, so that it stays text.

export type Cell = string | number | boolean | null | undefined;

/** A number as plain decimal digits: 1234567, 0.0000012, -3.5; NaN and infinities as an empty field. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const text = String(n);
  if (!/e/i.test(text)) return text;
  // Tiny or huge values: String() would use an exponent; toFixed keeps digits (to 20 places), trailing zeros cut.
  const fixed = Math.abs(n) < 1 ? n.toFixed(20) : BigInt(Math.round(n)).toString();
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/** One field, quoted when it must be. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return plainNumber(value);
  const raw = String(value);
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: the header line, then one line per row. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Offers the text as a file download (a Blob URL on a temporary link). */
export function downloadCsv(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
