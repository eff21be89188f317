import { Badge, Button, Group, Paper, Switch, Table, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { EVENTS_PATH, type LiveRequest } from '../../api/analytics';
import { pushTail, TAIL_ROWS } from '../../lib/analytics';
import { formatInteger, formatMillis, formatTime, formatUsd } from '../../lib/format';

type Status = 'connecting' | 'live' | 'reconnecting' | 'closed';

/**
 * The requests finishing now, from the live event stream (GET /api/admin/events; EventSource sends the session
 * cookie, same origin). Paused, it keeps the connection and counts what it skipped. `onRequest` is told of each
 * arrival, so the page can refresh its figures.
 */
export function LiveTail({ onRequest }: { onRequest?: () => void }) {
  const [rows, setRows] = useState<LiveRequest[]>([]);
  const [paused, setPaused] = useState(false);
  const [skipped, setSkipped] = useState(0);
  const [lost, setLost] = useState(0);
  const [status, setStatus] = useState<Status>('connecting');
  // Bumped by "Reconnect": the stream is opened again.
  const [attempt, setAttempt] = useState(0);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const onRequestRef = useRef(onRequest);
  onRequestRef.current = onRequest;

  useEffect(() => {
    const source = new EventSource(EVENTS_PATH);
    // Events can come in bursts: gather them and render once per animation frame.
    let pending: LiveRequest[] = [];
    let frame = 0;
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      const batch = pending;
      pending = [];
      setRows((r) => pushTail(r, batch));
    };
    source.onopen = () => setStatus('live');
    // EventSource retries a dropped connection by itself; a refused one (say, the session ended) it closes for good.
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    source.addEventListener('request', (e) => {
      onRequestRef.current?.();
      if (pausedRef.current) {
        setSkipped((n) => n + 1);
        return;
      }
      try {
        pending.push(JSON.parse((e as MessageEvent<string>).data) as LiveRequest);
      } catch {
        return;
      }
      if (!scheduled) {
        scheduled = true;
        frame = requestAnimationFrame(flush);
      }
    });
    source.addEventListener('lost', (e) => {
      try {
        const { dropped } = JSON.parse((e as MessageEvent<string>).data) as { dropped: number };
        setLost((n) => n + dropped);
      } catch { /* a malformed note changes nothing */ }
    });
    return () => {
      source.close();
      if (scheduled) cancelAnimationFrame(frame);
    };
  }, [attempt]);

  const togglePause = (next: boolean) => {
    setPaused(next);
    if (!next) setSkipped(0);
  };

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Text fw={600} size="sm">Live requests</Text>
          <Badge size="sm" variant="light" color={status === 'live' ? (paused ? 'gray' : 'teal') : 'orange'}
            data-testid="tail-status">
            {status === 'live' ? (paused ? 'paused' : 'live') : status}
          </Badge>
          {paused && skipped > 0 && <Text size="xs" c="dimmed">{formatInteger(skipped)} skipped while paused</Text>}
          {status === 'closed' && (
            <Button size="compact-xs" variant="light" onClick={() => { setStatus('connecting'); setAttempt((n) => n + 1); }}>
              Reconnect</Button>
          )}
          {lost > 0 && <Text size="xs" c="orange">{formatInteger(lost)} lost (the browser fell behind)</Text>}
        </Group>
        <Switch label="Pause live tail" checked={paused} onChange={(e) => togglePause(e.currentTarget.checked)} />
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" py="md" ta="center">
          Waiting for requests: each one appears here as it finishes (the last {TAIL_ROWS} are kept).
        </Text>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <Table verticalSpacing={4} aria-label="Live requests" data-testid="live-tail" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th><Table.Th>Key</Table.Th><Table.Th>Model</Table.Th>
                <Table.Th>Deployment</Table.Th><Table.Th>Status</Table.Th><Table.Th ta="right">Latency</Table.Th>
                <Table.Th ta="right">Tokens in / out</Table.Th><Table.Th ta="right">Charged</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.request_id} data-request-id={r.request_id}>
                  <Table.Td className="nowrap"><Text size="sm">{formatTime(r.at)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{r.key_name}</Text></Table.Td>
                  <Table.Td><Text size="sm" ff="monospace">{r.model}</Text></Table.Td>
                  <Table.Td><Text size="sm" ff="monospace">{r.deployment || '—'}</Text></Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={r.status < 400 ? 'teal' : 'red'}>
                      {r.status}{r.error_type ? ` ${r.error_type}` : ''}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap">{formatMillis(r.latency_ms)}</Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    {formatInteger(r.input_tokens)} / {formatInteger(r.output_tokens)}
                  </Table.Td>
                  <Table.Td ta="right">{formatUsd(r.cost_usd)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Paper>
  );
}
