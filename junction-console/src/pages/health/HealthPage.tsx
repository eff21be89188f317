import { Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { subscribeEvents } from '../../api/events';
import { health, type DeploymentHealth } from '../../api/requests';
import { ConfirmAction } from '../../components/ConfirmAction';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { VirtualTable } from '../../components/VirtualRows';
import { formatAgo, formatInteger, formatMillis, formatPercent, formatTime } from '../../lib/format';
import {
  addSnapshot, circuitLook, noteHealthEvent, recentErrorRate, sortDeployments, type HealthEvent, type Since,
  type Snapshot,
} from '../../lib/health';

const REFRESH_MS = 5000;
const QK_HEALTH = ['health', 'deployments'] as const;

/** Every deployment's circuit and numbers, refreshed every few seconds and at once on a health event. */
export default function HealthPage() {
  const client = useQueryClient();
  const list = useQuery({ queryKey: QK_HEALTH, queryFn: health.deployments, refetchInterval: REFRESH_MS });
  const [history, setHistory] = useState<Snapshot[]>([]);
  const [since, setSince] = useState<Since>({});
  const [resetting, setResetting] = useState<DeploymentHealth | null>(null);
  const lastSeen = useRef<unknown>(null);

  // Each fresh answer is a snapshot of the counters, for the error rate of the last few minutes.
  useEffect(() => {
    if (!list.data || list.data === lastSeen.current) return;
    lastSeen.current = list.data;
    setHistory((h) => addSnapshot(h, list.data, Date.now()));
  }, [list.data]);

  useEffect(() => subscribeEvents({
    on: {
      health: (data) => {
        setSince((s) => noteHealthEvent(s, data as HealthEvent));
        void client.invalidateQueries({ queryKey: QK_HEALTH });
      },
    },
  }), [client]);

  const rows = useMemo(() => sortDeployments(list.data ?? []), [list.data]);
  const open = rows.filter((d) => d.circuit !== 'closed').length;

  const reset = async (d: DeploymentHealth) => {
    await health.reset(d.id);
    setSince((s) => ({ ...s, [d.id]: { state: 'closed', at: new Date().toISOString() } }));
    await client.invalidateQueries({ queryKey: QK_HEALTH });
    notifications.show({ color: 'teal', message: `${d.id}: circuit reset, traffic flows to it again.` });
  };

  return (
    <>
      <PageHeader title="Health"
        description={`Each deployment's circuit as this gateway replica sees it; refreshed every ${REFRESH_MS / 1000} s and on every circuit change.`}
        actions={
          <>
            {list.data && (
              <Badge color={open ? 'red' : 'teal'} variant="light" size="lg">
                {open ? `${open} not closed` : 'All circuits closed'}
              </Badge>
            )}
            <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => list.refetch()}
              loading={list.isFetching && !list.isPending}>Refresh</Button>
          </>
        } />
      {list.error && <ErrorAlert error={list.error} title="Health could not be read" />}
      {list.data && rows.length === 0 && (
        <EmptyState title="No deployments">
          Configure a route with a deployment (Routes) and its health shows here.
        </EmptyState>
      )}
      {rows.length > 0 && (
        <VirtualTable rows={rows} rowKey={(d) => d.id} label="Deployments"
          head={
            <Table.Tr>
              <Table.Th>Deployment</Table.Th><Table.Th>Routes</Table.Th><Table.Th>Circuit</Table.Th>
              <Table.Th ta="right">Latency</Table.Th><Table.Th ta="right">In flight</Table.Th>
              <Table.Th ta="right">Error rate</Table.Th><Table.Th>Last error</Table.Th><Table.Th>Action</Table.Th>
            </Table.Tr>
          }
          row={(d) => {
            const look = circuitLook(d.circuit);
            const rate = recentErrorRate(history, d.id);
            const began = since[d.id];
            return {
              attrs: { 'data-testid': 'deployment-row', 'data-deployment': d.id, 'data-circuit': d.circuit },
              cells: (
                <>
                  <Table.Td>
                    <Text size="sm" ff="monospace">{d.id}</Text>
                    {d.provider && <Text size="xs" c="dimmed">{d.provider} · {d.model}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>{d.routes.length ? d.routes.map((r) => <Badge key={r} variant="outline" size="sm">{r}</Badge>)
                      : <Text size="xs" c="dimmed">none</Text>}</Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={look.color} variant="filled" data-testid="circuit">{look.label}</Badge>
                    {began && began.state === d.circuit && (
                      <Text size="xs" c="dimmed">since {formatTime(began.at)}</Text>
                    )}
                    {d.open_until && <Text size="xs" c="dimmed">probe {formatAgo(d.open_until)} ({formatTime(d.open_until)})</Text>}
                    {d.cooling_down_until && <Text size="xs" c="dimmed">cooling down until {formatTime(d.cooling_down_until)}</Text>}
                  </Table.Td>
                  <Table.Td ta="right">{formatMillis(d.latency_ms)}</Table.Td>
                  <Table.Td ta="right">{formatInteger(d.in_flight ?? 0)}</Table.Td>
                  <Table.Td ta="right">
                    {rate === null ? '—' : (
                      <Tooltip label={rate.lifetime ? `Since the gateway started: ${rate.attempts} attempts`
                        : `Last minutes: ${rate.attempts} attempts`}>
                        <Text size="sm" span c={rate.rate > 0.2 ? 'red' : undefined}>
                          {formatPercent(rate.rate)}{rate.lifetime ? '*' : ''}
                        </Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td><Text size="xs" lineClamp={2} maw={320} title={d.last_error}>{d.last_error ?? '—'}</Text></Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" color="red" onClick={() => setResetting(d)}
                      aria-label={`Reset ${d.id}`}>Reset</Button>
                  </Table.Td>
                </>
              ),
            };
          }} />
      )}
      <Text size="xs" c="dimmed" mt="xs">* since the gateway started, when the last minutes saw no attempt.</Text>
      <ConfirmAction opened={resetting !== null} title="Reset this deployment's health?" confirmLabel="Reset"
        onClose={() => setResetting(null)} onConfirm={() => reset(resetting!)}>
        {resetting && `The circuit of ${resetting.id} closes, so requests go to it at once. `
          + 'Do this when you know the deployment is fixed; if it still fails, the circuit opens again.'}
      </ConfirmAction>
    </>
  );
}
