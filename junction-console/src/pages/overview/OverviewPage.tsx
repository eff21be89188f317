import {
  Alert, Anchor, Badge, Code, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text,
} from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'wouter';
import { ApiError } from '../../api/client';
import { analytics, type Dimension, type SummaryRow } from '../../api/analytics';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatCard } from '../../components/StatCard';
import { TimeChart } from '../../components/TimeChart';
import {
  errorRate, fillSeries, isPreset, PRESETS, presetRange, topN, valueLabel, type Names, type PresetId,
} from '../../lib/analytics';
import { formatCompact, formatInteger, formatMillis, formatPercent, formatUsd } from '../../lib/format';
import { useNames } from '../analytics/useNames';
import { LiveTail } from './LiveTail';

/** How often the figures are read again without any live event. */
const REFRESH_MS = 15_000;
/** After a live request, how long to wait before reading the figures (the rollups are written just after it). */
const AFTER_EVENT_MS = 1_500;
/** Under steady traffic, the figures are read at most this often (each read is a handful of rollup queries). */
const MIN_REFRESH_MS = 5_000;
const TOP = 5;

const QK_OVERVIEW = ['overview'] as const;

/** One "top" list: the five groups with the most requests over the range. */
function TopList({ title, dim, rows, names, error, range }: { title: string; dim: Dimension;
  rows: SummaryRow[] | undefined; names: Names; error: unknown; range: PresetId }) {
  const { top, rest } = topN(rows ?? [], TOP, (r) => r.requests);
  return (
    <Paper withBorder radius="md" p="md" data-testid={`top-${dim}`}>
      <Group justify="space-between" mb={4}>
        <Text fw={600} size="sm">{title}</Text>
        <Anchor component={Link} href={`/analytics?range=${range}&group_by=${dim}`} size="xs">Analyse</Anchor>
      </Group>
      {error ? <ErrorAlert error={error} /> : !rows ? <Skeleton h={120} /> : top.length === 0 ? (
        <Text size="sm" c="dimmed">No requests in this range.</Text>
      ) : (
        <Table verticalSpacing={4} aria-label={title} style={{ tableLayout: 'fixed' }}>
          <Table.Thead>
            <Table.Tr><Table.Th w="40%">Name</Table.Th><Table.Th ta="right">Requests</Table.Th>
              <Table.Th ta="right">Error rate</Table.Th><Table.Th ta="right">Charged</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {top.map((r) => (
              <Table.Tr key={String(r.group?.[dim])}>
                <Table.Td style={{ wordBreak: 'break-all' }}><Text size="sm">{valueLabel(dim, r.group?.[dim], names)}</Text></Table.Td>
                <Table.Td ta="right">{formatInteger(r.requests)}</Table.Td>
                <Table.Td ta="right">{formatPercent(errorRate(r.requests, r.errors))}</Table.Td>
                <Table.Td ta="right">{formatUsd(r.charged_usd)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rest > 0 && <Text size="xs" c="dimmed" mt={4}>and {formatInteger(rest)} more</Text>}
    </Paper>
  );
}

/** Deployments whose circuit is open (or half open) on this replica, linking to the health page. */
function OpenCircuits() {
  const health = useQuery({ queryKey: [...QK_OVERVIEW, 'health'], queryFn: analytics.deployments,
    refetchInterval: REFRESH_MS });
  const open = (health.data ?? []).filter((d) => d.circuit !== 'closed');
  // A session without the instance's health:read (a tenant's admin) gets 403: the card is left out, not an error.
  if (health.isError && health.error instanceof ApiError && health.error.status === 403) return null;
  if (health.isError) return <ErrorAlert error={health.error} title="The deployments' health could not be read" />;
  if (!health.data || open.length === 0) return null;
  return (
    <Alert color="red" icon={<IconPlugConnectedX />} data-testid="open-circuits"
      title={`${open.length} deployment${open.length === 1 ? '' : 's'} not taking traffic`}>
      <Stack gap={4}>
        {open.map((d) => (
          <Group key={d.id} gap="xs">
            <Code>{d.id}</Code>
            <Badge size="sm" color={d.circuit === 'open' ? 'red' : 'orange'} variant="light">
              {d.circuit.replace('_', ' ')}</Badge>
            {d.last_error && <Text size="xs" c="dimmed" lineClamp={1}>{d.last_error}</Text>}
          </Group>
        ))}
        <Anchor component={Link} href="/health" size="sm">See the health page</Anchor>
      </Stack>
    </Alert>
  );
}

/** The gateway at a glance: figures over a range, traffic over time, the top groups, open circuits, a live tail. */
export default function OverviewPage() {
  const [params, setParams] = useSearchParams();
  const range: PresetId = isPreset(params.get('range')) ? params.get('range') as PresetId : '24h';
  const client = useQueryClient();

  // Each read takes the range as it is at that moment (it ends now); the key holds only the preset.
  const read = <T,>(part: string, fn: (q: ReturnType<typeof presetRange>) => Promise<T>) => ({
    queryKey: [...QK_OVERVIEW, part, range],
    queryFn: () => fn(presetRange(range)),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const total = useQuery(read('total', (q) => analytics.summary(q)));
  const series = useQuery(read('series', (q) => analytics.series(q)));
  const byModel = useQuery(read('model', (q) => analytics.summary({ ...q, group_by: ['model'] })));
  const byProvider = useQuery(read('provider', (q) => analytics.summary({ ...q, group_by: ['provider'] })));
  const byKey = useQuery(read('key', (q) => analytics.summary({ ...q, group_by: ['key'] })));
  const byUser = useQuery(read('user', (q) => analytics.summary({ ...q, group_by: ['user'] })));
  const names = useNames(['key', 'user']);

  // A live request means new figures shortly: read them once, a moment after the last of a burst.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastRefresh = useRef(0);
  const onRequest = useCallback(() => {
    if (timer.current) return;
    const wait = Math.max(AFTER_EVENT_MS, lastRefresh.current + MIN_REFRESH_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      lastRefresh.current = Date.now();
      void client.invalidateQueries({ queryKey: QK_OVERVIEW });
    }, wait);
  }, [client]);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);

  const t = total.data?.data[0];
  const requests = t?.requests ?? 0;
  const topClass = topN(Object.entries(t?.errors_by_class ?? {}), 1, ([, n]) => n).top[0]?.[0];
  const points = series.data;
  const chartRows = (value: (p: SummaryRow) => number, name: string) => points ? fillSeries(points.data, {
    from: points.from, to: points.to, bucket: points.bucket, series: [name], seriesOf: () => name, value,
    additive: true,
  }) : [];
  const requestRows = points ? (() => {
    const req = chartRows((p) => p.requests, 'Requests');
    const err = chartRows((p) => p.errors, 'Errors');
    return req.map((r, i) => ({ ...r, Errors: err[i].Errors }));
  })() : [];

  return (
    <>
      <PageHeader title="Overview" description="Traffic, errors, spend and latency across the gateway, from the usage rollups."
        actions={
          <Group gap="xs">
            <Text size="sm" c="dimmed" id="overview-range-label">Range</Text>
            <SegmentedControl aria-labelledby="overview-range-label" value={range}
              onChange={(v) => setParams((p) => { p.set('range', v); return p; }, { replace: true })}
              data={PRESETS.map((p) => ({ value: p.id, label: p.label }))} />
          </Group>
        } />
      <Stack>
        <OpenCircuits />
        {total.isError && <ErrorAlert error={total.error} title="The figures could not be read" />}
        {total.data && requests === 0 && (
          <EmptyState title="No traffic in this range yet">
            Send a first request through the gateway with a virtual key (create one on the Keys page), for example{' '}
            <Code>curl {location.origin}/v1/chat/completions -H "Authorization: Bearer $KEY" -d
              {" '{\"model\":\"<route>\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}'"}</Code>
            {' '}— or try one in the Playground. Its figures appear here within seconds.
          </EmptyState>
        )}
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
          <StatCard testId="stat-requests" label="Requests" value={formatInteger(requests)}
            hint={`${formatInteger(t?.fallbacks ?? 0)} after a fallback`} />
          <StatCard testId="stat-error-rate" label="Error rate" value={formatPercent(errorRate(requests, t?.errors ?? 0))}
            hint={<>
              <span data-testid="stat-errors">{formatInteger(t?.errors ?? 0)} error{t?.errors === 1 ? '' : 's'}</span>
              {topClass && <> · mostly <Text span ff="monospace" size="xs">{topClass}</Text></>}
            </>} />
          <StatCard testId="stat-metered" label="Metered spend" value={formatUsd(t?.metered_usd ?? 0)}
            hint="what the upstreams charge" />
          <StatCard testId="stat-standard" label="Standard spend" value={formatUsd(t?.standard_usd ?? 0)}
            hint="at list prices" />
          <StatCard testId="stat-charged" label="Charged" value={formatUsd(t?.charged_usd ?? 0)}
            hint="billed to tenants" />
          <StatCard testId="stat-cache-hits" label="Cache hits" value={formatInteger(t?.cache_hits ?? 0)} />
          <StatCard testId="stat-input-tokens" label="Input tokens" value={formatCompact(t?.input_tokens ?? 0)} />
          <StatCard testId="stat-output-tokens" label="Output tokens" value={formatCompact(t?.output_tokens ?? 0)} />
          <StatCard testId="stat-latency-p50" label="Latency p50" value={formatMillis(t?.latency_ms.p50 ?? 0)} />
          <StatCard testId="stat-latency-p95" label="Latency p95" value={formatMillis(t?.latency_ms.p95 ?? 0)} />
          <StatCard testId="stat-ttft-p50" label="First token p50" value={formatMillis(t?.ttft_ms.p50 ?? 0)} />
          <StatCard testId="stat-ttft-p95" label="First token p95" value={formatMillis(t?.ttft_ms.p95 ?? 0)} />
        </SimpleGrid>
        {series.isError && <ErrorAlert error={series.error} title="The series could not be read" />}
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {points ? (
            <>
              <TimeChart title="Requests and errors" testId="chart-requests" kind="lines"
                rows={requestRows} series={['Requests', 'Errors']} format={formatInteger} integers colors={['blue.6', 'red.6']} />
              <TimeChart title="Charged spend" testId="chart-spend" kind="stacked"
                rows={chartRows((p) => p.charged_usd, 'Charged')} series={['Charged']} format={formatUsd} />
            </>
          ) : !series.isError && <><Skeleton h={270} /><Skeleton h={270} /></>}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TopList title="Top models (routes)" dim="model" rows={byModel.data?.data} names={names} error={byModel.error} range={range} />
          <TopList title="Top providers" dim="provider" rows={byProvider.data?.data} names={names} error={byProvider.error} range={range} />
          <TopList title="Top keys" dim="key" rows={byKey.data?.data} names={names} error={byKey.error} range={range} />
          <TopList title="Top users" dim="user" rows={byUser.data?.data} names={names} error={byUser.error} range={range} />
        </SimpleGrid>
        <LiveTail onRequest={onRequest} />
      </Stack>
    </>
  );
}
