import {
  Badge, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput,
} from '@mantine/core';
import { IconDownload, IconFilter } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useSearch, useSearchParams } from 'wouter';
import {
  analytics, type Answer, type Bucket, type Dimension, type ReliabilityRow, type SeriesPoint, type SummaryRow,
} from '../../api/analytics';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { TimeChart } from '../../components/TimeChart';
import { VirtualTable } from '../../components/VirtualRows';
import {
  DIMENSIONS, dimensionLabel, FILTERS, isoToLocal, localToIsoOrEmpty, fillSeries, groupKey, groupLabel, metricOf, METRICS, parseView,
  PRESETS, topN, valueLabel, viewQuery, viewToSearch, type MetricId, type Names, type View,
} from '../../lib/analytics';
import { downloadCsv } from '../../lib/csv';
import { COLUMNS, groupsCsv, NAMED } from '../../lib/analyticsTable';
import { formatCompact, formatInteger, formatMillis, formatPercent, formatUsd } from '../../lib/format';
import { useNames } from './useNames';

/** How many groups a chart draws (the ones with the most requests); the table lists them all. */
const CHART_GROUPS = 8;
const formatOf = (unit: 'count' | 'usd' | 'ms') =>
  unit === 'usd' ? formatUsd : unit === 'ms' ? formatMillis : formatCompact;

/** The range, bucket, grouping, charts and filters; changes go to the URL (filters when applied). */
function Controls({ view, onChange }: { view: View; onChange: (v: View) => void }) {
  const [filters, setFilters] = useState(view.filters);
  const [showFilters, setShowFilters] = useState(Object.keys(view.filters).length > 0);
  useEffect(() => setFilters(view.filters), [view.filters]);
  const active = Object.values(view.filters).filter(Boolean).length;
  // Keys, users, teams and tenants are picked by name (their ids are what the API filters on).
  const names = useNames(showFilters ? NAMED : []);
  const setFilter = (d: Dimension, value: string) => setFilters((x) => ({ ...x, [d]: value }));
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Group align="flex-end" wrap="wrap">
          <Select label="Range" w={170} allowDeselect={false} value={view.range}
            data={[...PRESETS.map((p) => ({ value: p.id, label: p.label })), { value: 'custom', label: 'Custom range' }]}
            onChange={(v) => {
              if (!v) return;
              // A custom range starts as the range shown, so the view does not jump.
              if (v === 'custom' && view.range !== 'custom' && !view.from) {
                let seed = { from: '', to: '' };
                try { seed = viewQuery(view); } catch { /* an unusable view seeds nothing */ }
                onChange({ ...view, range: 'custom', from: seed.from, to: seed.to });
              } else {
                onChange({ ...view, range: v as View['range'] });
              }
            }} />
          {view.range === 'custom' && (
            <>
              <TextInput type="datetime-local" label="From" value={isoToLocal(view.from)}
                onChange={(e) => onChange({ ...view, from: localToIsoOrEmpty(e.currentTarget.value) })} />
              <TextInput type="datetime-local" label="To (empty: now)" value={isoToLocal(view.to)}
                onChange={(e) => onChange({ ...view, to: localToIsoOrEmpty(e.currentTarget.value) })} />
            </>
          )}
          <Select label="Bucket" w={130} allowDeselect={false} value={view.bucket}
            data={[{ value: 'auto', label: 'Automatic' }, { value: 'minute', label: 'Minute' },
              { value: 'hour', label: 'Hour' }, { value: 'day', label: 'Day' }]}
            onChange={(v) => v && onChange({ ...view, bucket: v as Bucket | 'auto' })} />
          <MultiSelect label="Group by" placeholder={view.groupBy.length ? undefined : 'Nothing: all traffic'}
            miw={240} maw={460} data={DIMENSIONS.map((d) => ({ value: d.id, label: d.label }))} value={view.groupBy}
            onChange={(v) => onChange({ ...view, groupBy: v as Dimension[] })} clearable />
          <MultiSelect label="Charts" miw={240} maw={520} value={view.metrics}
            data={METRICS.map((m) => ({ value: m.id, label: m.label }))}
            onChange={(v) => onChange({ ...view, metrics: v as MetricId[] })} />
          <Button variant={showFilters ? 'light' : 'default'} leftSection={<IconFilter size={16} />}
            onClick={() => setShowFilters((s) => !s)} aria-expanded={showFilters}>
            Filters{active ? ` (${active})` : ''}
          </Button>
        </Group>
        {showFilters && (
          <form onSubmit={(e) => { e.preventDefault(); onChange({ ...view, filters }); }}>
            <Group align="flex-end" wrap="wrap">
              {FILTERS.map((f) => {
                const known = names[f.id];
                if (!NAMED.includes(f.id)) {
                  return <TextInput key={f.id} w={180} label={f.label} placeholder="any" value={filters[f.id] ?? ''}
                    onChange={(e) => setFilter(f.id, e.currentTarget.value)} />;
                }
                const current = filters[f.id] ?? '';
                const data = [...(known ?? new Map<string, string>()).entries()]
                  .map(([value, label]) => ({ value, label: `${label} (${value})` }));
                if (current && !known?.has(current)) data.unshift({ value: current, label: current });
                return <Select key={f.id} w={220} label={f.label} placeholder="any" searchable clearable
                  data={data} value={current || null} onChange={(v) => setFilter(f.id, v ?? '')}
                  nothingFoundMessage="None of that name" limit={200} />;
              })}
              <Button type="submit">Apply filters</Button>
              {active > 0 && <Button variant="subtle" onClick={() => onChange({ ...view, filters: {} })}>Clear filters</Button>}
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

function ReliabilityTable({ rows }: { rows: ReliabilityRow[] }) {
  return (
    <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
      <Table striped verticalSpacing="xs" aria-label="Reliability">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Provider</Table.Th><Table.Th>Deployment</Table.Th><Table.Th ta="right">Requests</Table.Th>
            <Table.Th ta="right">Success rate</Table.Th><Table.Th ta="right">Fallbacks in</Table.Th>
            <Table.Th ta="right">Latency p50 / p95 / p99</Table.Th><Table.Th ta="right">First token p50 / p95</Table.Th>
            <Table.Th>Top errors</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={`${r.group.provider}/${r.group.deployment}`}>
              <Table.Td>{r.group.provider || '(none)'}</Table.Td>
              <Table.Td ff="monospace">{r.group.deployment || '(none)'}</Table.Td>
              <Table.Td ta="right">{formatInteger(r.requests)}</Table.Td>
              <Table.Td ta="right">
                <Text span c={r.success_rate < 0.95 ? 'red' : undefined} fw={r.success_rate < 0.95 ? 600 : undefined}>
                  {formatPercent(r.success_rate)}</Text>
              </Table.Td>
              <Table.Td ta="right">{formatInteger(r.fallbacks)}</Table.Td>
              <Table.Td ta="right" className="nowrap">
                {formatMillis(r.latency_ms.p50)} / {formatMillis(r.latency_ms.p95)} / {formatMillis(r.latency_ms.p99)}
              </Table.Td>
              <Table.Td ta="right" className="nowrap">{formatMillis(r.ttft_ms.p50)} / {formatMillis(r.ttft_ms.p95)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {r.top_errors.length === 0 ? <Text size="sm" c="dimmed">none</Text> : r.top_errors.map((e) => (
                    <Badge key={e.class} size="sm" variant="light" color="red">{e.class} × {formatInteger(e.count)}</Badge>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** Charts of the chosen metrics over time, one series per group (the top groups by requests). */
function Charts({ series, groups, view, names }: { series: Answer<SeriesPoint>; groups: SummaryRow[]; view: View;
  names: Names }) {
  const dims = series.group_by;
  const chosen = topN(groups, CHART_GROUPS, (g) => g.requests).top;
  const labels = chosen.map((g) => groupLabel(g.group, dims, names));
  const byKey = new Map(chosen.map((g, i) => [groupKey(g.group, dims), labels[i]]));
  const labelOf = (p: SeriesPoint) => byKey.get(groupKey(p.group, dims)) ?? '';
  if (view.metrics.length === 0) {
    return <Text size="sm" c="dimmed">Choose one or more charts above.</Text>;
  }
  return (
    <Stack gap="xs">
      {groups.length > CHART_GROUPS && (
        <Text size="xs" c="dimmed">The charts draw the {CHART_GROUPS} groups with the most requests; the table below
          lists all {formatInteger(groups.length)}.</Text>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {view.metrics.map((id) => {
          const m = metricOf(id);
          const rows = fillSeries(series.data, { from: series.from, to: series.to, bucket: series.bucket,
            series: labels, seriesOf: labelOf, value: m.value, additive: m.unit !== 'ms' });
          return <TimeChart key={id} title={m.label} testId={`chart-${id}`} rows={rows} series={labels}
            format={formatOf(m.unit)} integers={m.unit === 'count'} kind={m.unit === 'ms' ? 'lines' : 'stacked'} />;
        })}
      </SimpleGrid>
    </Stack>
  );
}

/** Usage over any range, grouped and filtered, as charts, a table, a reliability summary and a CSV. */
export default function AnalyticsPage() {
  const search = useSearch();
  const [, setParams] = useSearchParams();
  const view = useMemo(() => parseView(search), [search]);
  const setView = (v: View) => setParams(new URLSearchParams(viewToSearch(v)), { replace: true });

  // The view's query is checked now (for a message) and built again when read, so a preset ends at that moment.
  let problem: string | null = null;
  try {
    viewQuery(view);
  } catch (e) {
    problem = (e as Error).message;
  }
  const key = viewToSearch(view);
  const opts = { enabled: problem === null, placeholderData: keepPreviousData, refetchInterval: 30_000 };
  const series = useQuery({ queryKey: ['analytics', 'series', key], queryFn: () => analytics.series(viewQuery(view)),
    ...opts });
  const summary = useQuery({ queryKey: ['analytics', 'summary', key],
    queryFn: () => analytics.summary(viewQuery(view)), ...opts });
  const reliability = useQuery({ queryKey: ['analytics', 'reliability', key],
    queryFn: () => analytics.reliability(viewQuery(view)), ...opts });
  const dims = summary.data?.group_by ?? view.groupBy;
  const names = useNames(dims);

  const groups = summary.data?.data ?? [];
  const total = groups.reduce((n, g) => n + g.requests, 0);
  const exportCsv = () => {
    const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
    downloadCsv(`junction-analytics-${dims.join('-') || 'total'}-${stamp}.csv`, groupsCsv(groups, dims, names));
  };

  return (
    <>
      <PageHeader title="Analytics"
        description="Requests, errors, tokens, spend and latency from the usage rollups, over any range, grouped and filtered. The URL keeps the view: share it or reload it."
        actions={<Button leftSection={<IconDownload size={16} />} variant="default" onClick={exportCsv}
          disabled={!summary.data || groups.length === 0}>Export CSV</Button>} />
      <Stack>
        <Controls view={view} onChange={setView} />
        {problem && <ErrorAlert error={new Error(problem)} title="This range cannot be shown" />}
        {summary.isError && <ErrorAlert error={summary.error} title="The totals could not be read" />}
        {series.isError && <ErrorAlert error={series.error} title="The series could not be read" />}
        {summary.data && total === 0 && (
          <EmptyState title="No traffic matches this view">
            {Object.keys(view.filters).length > 0
              ? 'Nothing matches the filters in this range: widen the range or clear the filters.'
              : 'No requests in this range. Widen the range, or send a first request through the gateway with a virtual key (create one on the Keys page, or try the Playground); it shows here within seconds.'}
          </EmptyState>
        )}
        {series.data && summary.data && total > 0 && <Charts series={series.data} groups={groups} view={view} names={names} />}
        {(series.isPending || summary.isPending) && problem === null && <Skeleton h={260} />}

        {summary.data && groups.length > 0 && (
          <Stack gap="xs">
            <Text fw={600}>
              {dims.length ? `By ${dims.map(dimensionLabel).join(', ')}` : 'All traffic'}
              <Text span c="dimmed" size="sm"> · {formatInteger(groups.length)} group{groups.length === 1 ? '' : 's'}</Text>
            </Text>
            <VirtualTable label="Groups" rows={groups} rowKey={(r) => groupKey(r.group, dims)} estimate={40}
              head={
                <Table.Tr>
                  {dims.length === 0 && <Table.Th>Group</Table.Th>}
                  {dims.map((d) => <Table.Th key={d}>{dimensionLabel(d)}</Table.Th>)}
                  {COLUMNS.map((c) => <Table.Th key={c.csv} ta="right" className="nowrap">{c.label}</Table.Th>)}
                </Table.Tr>
              }
              row={(r) => ({
                cells: (
                  <>
                    {dims.length === 0 && <Table.Td>All traffic</Table.Td>}
                    {dims.map((d) => (
                      <Table.Td key={d} style={{ wordBreak: 'break-all' }}>{valueLabel(d, r.group?.[d], names)}</Table.Td>
                    ))}
                    {COLUMNS.map((c) => <Table.Td key={c.csv} ta="right" className="nowrap">{c.show(c.value(r))}</Table.Td>)}
                  </>
                ),
              })} />
          </Stack>
        )}

        <Text fw={600} mt="sm">Reliability per provider and deployment</Text>
        {reliability.isError && <ErrorAlert error={reliability.error} title="The reliability summary could not be read" />}
        {reliability.data && (reliability.data.data.length === 0
          ? <Text size="sm" c="dimmed">No deployment answered or was tried in this range.</Text>
          : <ReliabilityTable rows={reliability.data.data} />)}
      </Stack>
    </>
  );
}
