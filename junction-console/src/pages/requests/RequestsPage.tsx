import {
  Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Table, Text, TextInput, Tooltip,
} from '@mantine/core';
import { IconFilterOff, IconPlayerPause, IconPlayerPlay, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useRoute, useSearch } from 'wouter';
import { keys, QK, users } from '../../api/governance';
import { requests } from '../../api/requests';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { VirtualTable } from '../../components/VirtualRows';
import { formatInteger, formatMillis, formatTime, formatUsd } from '../../lib/format';
import {
  activeFilterCount, DEFAULT_FILTERS, filterProblems, filtersFromSearch, filtersToQuery, filtersToSearch,
  mergeRows, RANGES, rowOfEntry, statusColor, type LogRow, type RequestFilters,
} from '../../lib/requests';
import { RequestDetail } from './RequestDetail';
import { useLiveRows } from './useLiveRows';

const PAGE = 200;
const ERROR_CLASSES = ['rate_limited', 'budget_exceeded', 'upstream_error', 'timeout', 'unavailable',
  'invalid_request', 'unauthorized', 'model_not_found', 'http_400', 'http_401', 'http_403', 'http_404', 'http_429',
  'http_500', 'http_502', 'http_503'];

/** The request log (filters in the URL, live rows on top, older pages on demand), or one request's page. */
export default function RequestsPage() {
  const [detail, params] = useRoute('/requests/:id');
  if (detail && params?.id) return <RequestDetail id={decodeURIComponent(params.id)} />;
  return <RequestLog />;
}

function RequestLog() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const [draft, setDraft] = useState<RequestFilters>(filters);
  useEffect(() => setDraft(filters), [filters]);
  const problems = filterProblems(draft);

  // A preset range is relative to when the filters were applied; "now" moves only when they change.
  const query = useMemo(() => filtersToQuery(filters), [filters]);
  const pages = useInfiniteQuery({
    queryKey: ['requests', query],
    queryFn: ({ pageParam }) => requests.list({ ...query, limit: String(PAGE), ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const [paused, setPaused] = useState(false);
  const live = useLiveRows(filters, paused);

  const keyList = useQuery({ queryKey: QK.keys, queryFn: keys.list });
  const userList = useQuery({ queryKey: QK.users, queryFn: users.list });

  const loaded = useMemo(() => (pages.data?.pages ?? []).flatMap((p) => p.data.map(rowOfEntry)), [pages.data]);
  const rows = useMemo(() => mergeRows(live.rows, loaded), [live.rows, loaded]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(problems).length > 0) return;
    // A request id goes straight to its page.
    if (draft.request_id.trim()) {
      navigate(`/requests/${encodeURIComponent(draft.request_id.trim())}`);
      return;
    }
    navigate(`/requests${filtersToSearch(draft)}`, { replace: true });
  };
  const clear = () => navigate('/requests', { replace: true });
  const set = (name: keyof RequestFilters) => (value: string | null) => setDraft((d) => ({ ...d, [name]: value ?? '' }));
  const filtered = activeFilterCount(filters) > (filters.range === DEFAULT_FILTERS.range ? 0 : 1);

  return (
    <>
      <PageHeader title="Request logs"
        description="Every request of a virtual key, newest first. New requests appear on top while this page is open."
        actions={
          <>
            <Badge variant="dot" color={live.connected ? (paused ? 'yellow' : 'teal') : 'gray'} data-testid="live-state">
              {live.connected ? (paused ? `Paused${live.pending ? ` · ${live.pending} waiting` : ''}` : 'Live')
                : 'Connecting…'}
            </Badge>
            <Button variant="default" leftSection={paused ? <IconPlayerPlay size={16} /> : <IconPlayerPause size={16} />}
              onClick={() => setPaused((p) => !p)} aria-pressed={paused}>
              {paused ? 'Resume live' : 'Pause live'}
            </Button>
          </>
        } />

      <Paper withBorder p="md" radius="md" mb="md" component="form" onSubmit={apply} aria-label="Filters">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4, xl: 6 }} spacing="sm">
          <Select label="Time range" data={[...RANGES.map((r) => ({ value: r.value, label: r.label })),
            { value: 'custom', label: 'Custom…' }]} value={draft.range} onChange={(v) => set('range')(v ?? '24h')}
            allowDeselect={false} />
          {draft.range === 'custom' && (
            <>
              <TextInput label="From" type="datetime-local" value={draft.from} error={problems.from}
                onChange={(e) => set('from')(e.currentTarget.value)} />
              <TextInput label="To" type="datetime-local" value={draft.to} error={problems.to}
                onChange={(e) => set('to')(e.currentTarget.value)} />
            </>
          )}
          <Select label="Key" placeholder="Any key" searchable clearable value={draft.key_id || null}
            onChange={set('key_id')}
            data={(keyList.data ?? []).map((k) => ({ value: k.id, label: `${k.name} (${k.prefix})` }))} />
          <Select label="User" placeholder="Any user" searchable clearable value={draft.user_id || null}
            onChange={set('user_id')} data={(userList.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          <TextInput label="Model" placeholder="Any model" value={draft.model}
            onChange={(e) => set('model')(e.currentTarget.value)} />
          <TextInput label="Provider" placeholder="Any provider" value={draft.provider}
            onChange={(e) => set('provider')(e.currentTarget.value)} />
          <TextInput label="Status" placeholder="e.g. 429" inputMode="numeric" value={draft.status}
            error={problems.status} onChange={(e) => set('status')(e.currentTarget.value)} />
          <Select label="Error class" placeholder="Any" searchable clearable value={draft.error_class || null}
            onChange={set('error_class')}
            data={[...new Set([...ERROR_CLASSES, ...(draft.error_class ? [draft.error_class] : [])])]} />
          <TextInput label="Min charged (USD)" placeholder="0.00" inputMode="decimal"
            value={draft.min_charged_usd} error={problems.min_charged_usd}
            onChange={(e) => set('min_charged_usd')(e.currentTarget.value)} />
          <TextInput label="Max charged (USD)" placeholder="no limit" inputMode="decimal"
            value={draft.max_charged_usd} error={problems.max_charged_usd}
            onChange={(e) => set('max_charged_usd')(e.currentTarget.value)} />
          <TextInput label="Request id" placeholder="Opens that request" value={draft.request_id}
            onChange={(e) => set('request_id')(e.currentTarget.value)} />
        </SimpleGrid>
        <Group mt="sm" gap="xs">
          <Button type="submit" leftSection={<IconSearch size={16} />}>Apply filters</Button>
          <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={clear}>Clear filters</Button>
        </Group>
      </Paper>

      {pages.error && <ErrorAlert error={pages.error} title="The request log could not be read" />}
      {!pages.error && !pages.isPending && rows.length === 0 && (
        <EmptyState title={filtered ? 'No request matches these filters' : 'No requests logged in this range'}>
          {filtered
            ? 'Widen the time range or clear a filter. New matching requests will appear here as they happen.'
            : 'Send a request with a virtual key (see Keys) and it appears here within a second; requests without a key are not logged.'}
        </EmptyState>
      )}
      {rows.length > 0 && <LogTable rows={rows} />}
      <Group justify="space-between" mt="sm">
        <Text size="sm" c="dimmed">
          {formatInteger(rows.length)} shown{live.rows.length > 0 ? `, ${live.rows.length} arrived live` : ''}
        </Text>
        {pages.hasNextPage && (
          <Button variant="default" onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
            Load older
          </Button>
        )}
      </Group>
    </>
  );
}

function LogTable({ rows }: { rows: LogRow[] }) {
  return (
    <VirtualTable rows={rows} rowKey={(r) => r.request_id} label="Requests" estimate={41} maxHeight={620}
      head={
        <Table.Tr>
          <Table.Th>Time</Table.Th><Table.Th>Request</Table.Th><Table.Th>Status</Table.Th>
          <Table.Th>Model</Table.Th><Table.Th>Provider / deployment</Table.Th><Table.Th>Key</Table.Th>
          <Table.Th ta="right">Tokens in / out</Table.Th><Table.Th ta="right">Charged</Table.Th>
          <Table.Th ta="right">Latency</Table.Th>
        </Table.Tr>
      }
      row={(r) => ({
        attrs: { 'data-testid': 'request-row', 'data-request-id': r.request_id, ...(r.live ? { 'data-live': 'true' } : {}) },
        cells: (
          <>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTime(r.started_at)}</Table.Td>
            <Table.Td>
              <Anchor component={Link} href={`/requests/${encodeURIComponent(r.request_id)}`} ff="monospace" size="xs">
                {r.request_id}
              </Anchor>
              {r.live && <Badge ml={6} size="xs" variant="light">new</Badge>}
            </Table.Td>
            <Table.Td>
              <Tooltip label={r.error_class || 'Succeeded'} disabled={!r.error_class}>
                <Badge color={statusColor(r.status)} variant="light">{r.status}</Badge>
              </Tooltip>
            </Table.Td>
            <Table.Td>{r.model || '—'}</Table.Td>
            <Table.Td><Text size="sm" truncate maw={260}>{r.provider || '—'}{r.deployment ? ` / ${r.deployment}` : ''}</Text></Table.Td>
            <Table.Td><Text size="sm" truncate maw={200} title={r.key_name}>{r.key_name}</Text></Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{formatInteger(r.input)} / {formatInteger(r.output)}</Table.Td>
            <Table.Td ta="right">{formatUsd(r.charged_usd)}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{formatMillis(r.latency_ms)}</Table.Td>
          </>
        ),
      })} />
  );
}
