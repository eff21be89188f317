// The analytics page's table of groups: its figure columns, and the same rows as CSV (what is shown is exported).
import type { Dimension, SummaryRow } from '../api/analytics';
import { errorRate, type Names } from './analytics';
import { toCsv, type Cell } from './csv';
import { formatCompact, formatInteger, formatMillis, formatPercent, formatUsd } from './format';

/** The dimensions whose values are ids with names (the CSV gets a name column for them). */
export const NAMED: Dimension[] = ['key', 'user', 'team', 'tenant'];

/** The groups table's figure columns: header text, CSV name, value and display. */
export const COLUMNS: { label: string; csv: string; value: (r: SummaryRow) => number | null; show: (v: number | null) => string }[] = [
  { label: 'Requests', csv: 'requests', value: (r) => r.requests, show: formatInteger },
  { label: 'Errors', csv: 'errors', value: (r) => r.errors, show: formatInteger },
  { label: 'Error rate', csv: 'error_rate', value: (r) => errorRate(r.requests, r.errors), show: formatPercent },
  { label: 'Input tokens', csv: 'input_tokens', value: (r) => r.input_tokens, show: formatCompact },
  { label: 'Output tokens', csv: 'output_tokens', value: (r) => r.output_tokens, show: formatCompact },
  { label: 'Metered', csv: 'metered_usd', value: (r) => r.metered_usd, show: formatUsd },
  { label: 'Standard', csv: 'standard_usd', value: (r) => r.standard_usd, show: formatUsd },
  { label: 'Charged', csv: 'charged_usd', value: (r) => r.charged_usd, show: formatUsd },
  { label: 'Latency p50', csv: 'latency_p50_ms', value: (r) => r.latency_ms.p50, show: formatMillis },
  { label: 'Latency p95', csv: 'latency_p95_ms', value: (r) => r.latency_ms.p95, show: formatMillis },
  { label: 'First token p50', csv: 'ttft_p50_ms', value: (r) => r.ttft_ms.p50, show: formatMillis },
  { label: 'First token p95', csv: 'ttft_p95_ms', value: (r) => r.ttft_ms.p95, show: formatMillis },
];

/** The groups table as CSV: the group's values (and names for ids), then every figure as a plain number. */
export function groupsCsv(rows: SummaryRow[], dims: Dimension[], names: Names): string {
  const header: string[] = [];
  for (const d of dims) {
    header.push(d);
    if (NAMED.includes(d)) header.push(`${d}_name`);
  }
  header.push(...COLUMNS.map((c) => c.csv));
  const body = rows.map((r) => {
    const cells: Cell[] = [];
    for (const d of dims) {
      cells.push(r.group?.[d] ?? '');
      if (NAMED.includes(d)) cells.push(r.group?.[d] ? names[d]?.get(r.group[d]!) ?? '' : '');
    }
    cells.push(...COLUMNS.map((c) => c.value(r)));
    return cells;
  });
  return toCsv(header, body);
}

