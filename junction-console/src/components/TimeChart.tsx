import { AreaChart, LineChart } from '@mantine/charts';
import { Paper, Text } from '@mantine/core';
import type { ChartRow } from '../lib/analytics';

/** Colours of a chart's series, in order; enough for the top groups (the rest are not charted). */
export const SERIES_COLORS = ['blue.6', 'teal.6', 'orange.6', 'grape.6', 'red.6', 'cyan.6', 'lime.7', 'pink.6',
  'indigo.6', 'yellow.7'];

/**
 * A chart of figures over time, one line or stacked area per series. Counts and costs stack as areas (they add
 * up); percentiles are lines with gaps where a bucket had no traffic (they do not add up).
 */
export function TimeChart({ title, rows, series, format, kind, testId, height = 220, integers = false, colors }: {
  title: string; rows: ChartRow[]; series: string[]; format: (v: number) => string; kind: 'stacked' | 'lines';
  testId?: string; height?: number;
  /** Counts: no fractional ticks on the y axis. */
  integers?: boolean;
  /** A colour per series (Mantine colour names), instead of the palette. */
  colors?: string[];
}) {
  // Sparse lines (a few buckets with traffic) need dots, or a lone point would not show at all.
  const points = rows.reduce((n, r) => n + series.filter((name) => r[name] !== null).length, 0);
  const s = series.map((name, i) => ({ name, color: colors?.[i] ?? SERIES_COLORS[i % SERIES_COLORS.length] }));
  const common = {
    h: height, data: rows, dataKey: 'label', series: s, valueFormatter: format, withLegend: series.length > 1,
    tickLine: 'y' as const, gridAxis: 'xy' as const, yAxisProps: { width: 72, allowDecimals: integers ? false : undefined },
    legendProps: { verticalAlign: 'bottom' as const, height: 40 },
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId} role="figure" aria-label={title}>
      <Text fw={600} size="sm" mb="xs">{title}</Text>
      {kind === 'stacked'
        ? <AreaChart {...common} type={series.length > 1 ? 'stacked' : 'default'} curveType="monotone"
            withDots={false} fillOpacity={0.25} />
        : <LineChart {...common} curveType="monotone" withDots={points < 60} connectNulls={false} />}
    </Paper>
  );
}
