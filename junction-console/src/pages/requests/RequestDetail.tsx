import {
  Alert, Anchor, Badge, Box, Code, Group, Paper, SimpleGrid, Stack, Table, Text, Title, Tooltip,
} from '@mantine/core';
import { IconArrowLeft, IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../../api/client';
import { requests, type RequestEntry } from '../../api/requests';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatInteger, formatMillis, formatTime, formatUsd } from '../../lib/format';
import { attemptsOf, prettyBody, selectHeaders, statusColor, timelineLayout } from '../../lib/requests';

const COSTS_HELP = 'Metered: what the provider charges for this request at the deployment\'s price. '
  + 'Standard: the list price of the public model the client asked for. '
  + 'Charged: what the caller is billed (the standard price with any markup); budgets and spend count this one.';

/** One request's page: status, route, caller, tokens, costs, timing, attempts, headers sent back, bodies. */
export function RequestDetail({ id }: { id: string }) {
  const entry = useQuery({
    queryKey: ['request', id],
    queryFn: () => requests.one(id),
    // The log is written just after the answer: a fresh request may need a moment to appear.
    retry: (count, error) => error instanceof ApiError && error.status === 404 && count < 4,
    retryDelay: 750,
  });
  const back = <Anchor component={Link} href="/requests" size="sm"><Group gap={4}><IconArrowLeft size={14} />Request logs</Group></Anchor>;

  if (entry.isPending) return <><PageHeader title="Request" description={id} />{back}</>;
  if (entry.error) {
    return (
      <>
        <PageHeader title="Request" description={id} />
        <Stack>
          {entry.error instanceof ApiError && entry.error.status === 404
            ? <EmptyState title="This request is not in the log">
                Only requests made with a virtual key are logged, and only for the log's retention. Check the id
                (the x-request-id header of its answer) or search the request log.
              </EmptyState>
            : <ErrorAlert error={entry.error} title="The request could not be read" />}
          {back}
        </Stack>
      </>
    );
  }
  const r = entry.data;
  return (
    <>
      <PageHeader title="Request" description={<Text span ff="monospace" size="sm">{r.request_id}</Text>}
        actions={<Badge size="lg" color={statusColor(r.status)} variant="light" data-testid="detail-status">
          {r.status}{r.error_type ? ` · ${r.error_type}` : ''}</Badge>} />
      <Stack gap="md">
        {back}
        {r.error_message && (
          <Alert color="red" title={r.error_type ?? 'Failed'} icon={<IconInfoCircle />}>{r.error_message}</Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Facts title="Route">
            <Fact label="Model">{r.model || '—'}</Fact>
            <Fact label="Provider">{r.provider || '—'}</Fact>
            <Fact label="Deployment">{r.deployment || '—'}</Fact>
            <Fact label="Upstream model">{r.upstream_model || '—'}</Fact>
            <Fact label="Endpoint">{r.endpoint}{r.stream ? ' (stream)' : ''}{r.cache_hit ? ' · cache hit' : ''}</Fact>
          </Facts>
          <Facts title="Caller">
            <Fact label="Key">{r.key_id
              ? <Anchor component={Link} href={`/requests?key_id=${encodeURIComponent(r.key_id)}`}>{r.key_name}</Anchor>
              : r.key_name}</Fact>
            <Fact label="User">{r.user_id
              ? <Anchor component={Link} href={`/requests?user_id=${encodeURIComponent(r.user_id)}`}>{r.user_id}</Anchor>
              : '—'}</Fact>
            <Fact label="Team">{r.team_id ?? '—'}</Fact>
            <Fact label="Tenant">{r.tenant_id ?? '—'}</Fact>
            <Fact label="Started">{formatTime(r.started_at)}</Fact>
          </Facts>
          <Facts title="Tokens">
            <Fact label="Input">{formatInteger(r.usage.input)}</Fact>
            <Fact label="Output">{formatInteger(r.usage.output)}</Fact>
            <Fact label="Cached read">{formatInteger(r.usage.cached_read)}</Fact>
            <Fact label="Cache write">{formatInteger(r.usage.cache_write)}</Fact>
            <Fact label="Reasoning">{formatInteger(r.usage.reasoning)}</Fact>
          </Facts>
          <Facts title={<Group gap={4}>Costs and timing
            <Tooltip label={COSTS_HELP} multiline w={320} withArrow>
              <Box component="span" tabIndex={0} aria-label="What the three costs mean" style={{ display: 'inline-flex' }}>
                <IconInfoCircle size={16} />
              </Box>
            </Tooltip></Group>}>
            <Fact label="Metered">{formatUsd(r.costs.metered_usd)}</Fact>
            <Fact label="Standard">{formatUsd(r.costs.standard_usd)}</Fact>
            <Fact label="Charged"><Text span fw={600} size="sm">{formatUsd(r.costs.charged_usd)}</Text></Fact>
            <Fact label="Latency">{formatMillis(r.latency_ms)}</Fact>
            <Fact label="First byte">{r.ttfb_ms < 0 ? 'none sent' : formatMillis(r.ttfb_ms)}</Fact>
          </Facts>
        </SimpleGrid>
        <Attempts entry={r} />
        <Headers headers={r.response_headers} />
        <Bodies entry={r} />
      </Stack>
    </>
  );
}

function Facts({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={4} mb="xs">{title}</Title>
      <Table variant="vertical" withRowBorders={false} verticalSpacing={2}><Table.Tbody>{children}</Table.Tbody></Table>
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={130} fw={400} c="dimmed" bg="transparent">{label}</Table.Th>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{children}</Table.Td>
    </Table.Tr>
  );
}

/** The attempts in order, with a timeline bar for each over the request's whole latency. */
function Attempts({ entry }: { entry: RequestEntry }) {
  const attempts = attemptsOf(entry);
  const bars = timelineLayout(attempts, entry.latency_ms);
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={4} mb="xs">Attempts</Title>
      {attempts.length === 0
        ? <Text size="sm" c="dimmed">No upstream attempt was made (refused by the gateway, or answered from its cache).</Text>
        : (
          <Table aria-label="Attempts" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Deployment</Table.Th><Table.Th>Provider</Table.Th>
                <Table.Th>Status</Table.Th><Table.Th>Reason</Table.Th><Table.Th ta="right">Start</Table.Th>
                <Table.Th ta="right">Duration</Table.Th><Table.Th w="30%">Timeline</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {attempts.map((a, i) => (
                <Table.Tr key={i} data-testid="attempt">
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>{a.kind ?? '—'}</Table.Td>
                  <Table.Td ff="monospace" fz="xs">{a.deployment}</Table.Td>
                  <Table.Td>{a.provider ?? '—'}</Table.Td>
                  <Table.Td><Badge color={statusColor(a.status)} variant="light">{a.status || '?'}</Badge></Table.Td>
                  <Table.Td>{a.reason || '—'}</Table.Td>
                  <Table.Td ta="right">{a.start_ms !== undefined ? `+${formatMillis(a.start_ms)}` : '—'}</Table.Td>
                  <Table.Td ta="right">{a.duration_ms !== undefined ? formatMillis(a.duration_ms) : '—'}</Table.Td>
                  <Table.Td>
                    <Box pos="relative" h={12} bg="var(--mantine-color-default-hover)" style={{ borderRadius: 4 }}
                      aria-label={`Attempt ${i + 1} on the request's timeline`} role="img">
                      <Box pos="absolute" top={0} h={12} style={{ left: `${bars[i].left}%`, width: `${bars[i].width}%`,
                        borderRadius: 4, background: `var(--mantine-color-${statusColor(a.status)}-filled)` }} />
                    </Box>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      {attempts.length > 0 && bars.some((b) => !b.timed) && (
        <Text size="xs" c="dimmed" mt={4}>Logged before start times were kept: the bars follow one another.</Text>
      )}
    </Paper>
  );
}

function Headers({ headers }: { headers: RequestEntry['response_headers'] }) {
  const shown = selectHeaders(headers);
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={4} mb="xs">Headers sent back</Title>
      {shown.length === 0
        ? <Text size="sm" c="dimmed">Not recorded for this entry (logged before the gateway kept response headers).</Text>
        : (
          <Table aria-label="Response headers" verticalSpacing={4}>
            <Table.Thead><Table.Tr><Table.Th>Group</Table.Th><Table.Th>Header</Table.Th><Table.Th>Value</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {shown.map((h) => (
                <Table.Tr key={h.name} data-testid="header">
                  <Table.Td c="dimmed">{h.group}</Table.Td>
                  <Table.Td ff="monospace" fz="xs">{h.name}</Table.Td>
                  <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>{h.value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
    </Paper>
  );
}

function Bodies({ entry }: { entry: RequestEntry }) {
  if (entry.request_body === undefined && entry.response_body === undefined) {
    return (
      <Paper withBorder p="md" radius="md">
        <Title order={4} mb="xs">Bodies</Title>
        <Text size="sm" c="dimmed">
          Not captured. Turn on “capture bodies” for the key to keep its requests' bodies here (credentials are
          redacted before they are stored, and long bodies are cut).
        </Text>
      </Paper>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      {(['request_body', 'response_body'] as const).map((name) => {
        const body = entry[name];
        const pretty = body === undefined ? null : prettyBody(body);
        return (
          <Paper withBorder p="md" radius="md" key={name}>
            <Title order={4} mb="xs">{name === 'request_body' ? 'Request body' : 'Response body'}</Title>
            {pretty === null ? <Text size="sm" c="dimmed">Not captured.</Text> : (
              <Code block style={{ maxHeight: 420, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
                aria-label={name === 'request_body' ? 'Request body' : 'Response body'}>
                {pretty.text}
              </Code>
            )}
            <Text size="xs" c="dimmed" mt={4}>Stored redacted: provider and bearer credentials are replaced.</Text>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
