import {
  Anchor, Autocomplete, Badge, Button, Code, Grid, Group, Paper, PasswordInput, ScrollArea, SegmentedControl, Stack,
  Switch, Table, Text, Textarea, Title,
} from '@mantine/core';
import { IconRefresh, IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { awaitEntry, tryApi, type LogEntry } from '../../api/try';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatInteger, formatMillis, formatUsd } from '../../lib/format';
import {
  buildRequest, eventLine, isEventStream, jsonProblem, notableHeader, pretty, SHAPES, shownRequest, template, type Shape,
} from '../../lib/simulator';
import { SseParser, type SseEvent } from '../../lib/sse';

/** What came back: status, headers, and the body or the stream's events as they arrive. */
interface Result {
  sent: string;
  status: number | null;
  headers: [string, string][];
  body: string;
  events: SseEvent[];
  streaming: boolean;
  error: string | null;
  elapsedMs: number | null;
  requestId: string | null;
  entry?: LogEntry | null;
  entryError?: unknown;
}

/** The request-log entry the request produced, in brief, with a link to it in the request log. */
function EntryView({ result }: { result: Result }) {
  if (!result.requestId) return <Text size="sm" c="dimmed">The answer carried no request id.</Text>;
  if (result.entryError) return <ErrorAlert error={result.entryError} title="The log entry could not be read" />;
  if (result.entry === undefined) return <Text size="sm" c="dimmed">Waiting for the request log…</Text>;
  if (result.entry === null) {
    return <Text size="sm" c="dimmed">No log entry yet for {result.requestId} (requests refused before the key was
      known are not logged).</Text>;
  }
  const e = result.entry;
  const rows: [string, string][] = [['Request id', e.request_id], ['Key', e.key_name], ['Source', e.source ?? 'api'],
    ['Status', String(e.status)], ['Model → deployment', `${e.model} → ${e.deployment || '—'}`],
    ['Tokens in / out', `${formatInteger(e.usage.input)} / ${formatInteger(e.usage.output)}`],
    ['Charged', formatUsd(e.costs.charged_usd)], ['Latency', formatMillis(e.latency_ms)],
    ['Time to first byte', e.ttfb_ms < 0 ? '—' : formatMillis(e.ttfb_ms)], ['Attempts', e.attempts || '—']];
  if (e.error_type) rows.push(['Error', `${e.error_type}: ${e.error_message ?? ''}`]);
  return (
    <Stack gap="xs" data-testid="log-entry">
      <Table withRowBorders={false} verticalSpacing={2} fz="sm">
        <Table.Tbody>
          {rows.map(([k, v]) => <Table.Tr key={k}><Table.Th w={170} fw={500} c="dimmed">{k}</Table.Th>
            <Table.Td style={{ wordBreak: 'break-all' }}>{v}</Table.Td></Table.Tr>)}
        </Table.Tbody>
      </Table>
      <Anchor component={Link} href={`/requests/${encodeURIComponent(e.request_id)}`} size="sm">
        Open it in the request log</Anchor>
    </Stack>
  );
}

/**
 * The simulator: a client's request to the gateway's public endpoints, sent from this browser with a real virtual
 * key in any of the three wire shapes, and everything the gateway answered, headers, stream events and the log entry
 * included. Budgets and limits apply as for any client. The key is kept in this page's memory only.
 */
export default function SimulatorPage() {
  const routes = useQuery({ queryKey: ['routes'], queryFn: tryApi.routes });
  // The key lives in component state only: never in storage, never in the URL, gone with the page.
  const [key, setKey] = useState('');
  const [shape, setShape] = useState<Shape>('openai');
  const [model, setModel] = useState('chat');
  const [stream, setStream] = useState(false);
  const [body, setBody] = useState(() => template('openai', 'chat', false));
  const [edited, setEdited] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [sending, setSending] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const problem = jsonProblem(body);
  const retemplate = (s: Shape, m: string, st: boolean, force = false) => {
    if (force || !edited) {
      setBody(template(s, m, st));
      setEdited(false);
    }
  };
  const routeNames = (routes.data ?? []).filter((r) => r.active).map((r) => r.name);

  const send = async () => {
    if (problem || !key.trim() || !model.trim()) return;
    const request = buildRequest(shape, model.trim(), stream, key.trim(), body);
    const started = performance.now();
    let current: Result = { sent: shownRequest(request, key.trim()), status: null, headers: [], body: '', events: [],
      streaming: false, error: null, elapsedMs: null, requestId: null };
    const show = (change: Partial<Result>) => {
      current = { ...current, ...change };
      setResult(current);
    };
    show({});
    setSending(true);
    abort.current = new AbortController();
    try {
      // Same origin, no cookie: exactly what a client with this key would send.
      const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body,
        credentials: 'omit', signal: abort.current.signal });
      show({ status: response.status, headers: [...response.headers.entries()],
        requestId: response.headers.get('x-request-id') });
      if (isEventStream(response.headers.get('content-type')) && response.body) {
        show({ streaming: true });
        const parser = new SseParser();
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          const events = parser.push(value);
          if (events.length) show({ events: [...current.events, ...events] });
        }
        show({ events: [...current.events, ...parser.end()], streaming: false });
      } else {
        show({ body: pretty(await response.text()) });
      }
    } catch (e) {
      show({ error: `The request failed (${(e as Error).message}).`, streaming: false });
    } finally {
      show({ elapsedMs: performance.now() - started });
      setSending(false);
    }
    if (current.requestId) {
      try {
        show({ entry: await awaitEntry(current.requestId) });
      } catch (e) {
        show({ entryError: e });
      }
    }
  };

  return (
    <Stack gap="md">
      <PageHeader title="Simulator"
        description="Send a client's request to the gateway's public endpoints from this browser, with a real virtual key,
          in the OpenAI, Anthropic or Gemini shape. Budgets and limits apply as for any client." />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder p="md" radius="md">
            <Stack gap="sm">
              <PasswordInput label="Virtual key" description="Kept in this page's memory only; never stored."
                placeholder="jk_…" value={key} onChange={(e) => setKey(e.currentTarget.value)} autoComplete="off"
                error={result && !key.trim() ? 'Paste a key to send.' : undefined} />
              <SegmentedControl aria-label="Wire shape" fullWidth value={shape} data={SHAPES}
                onChange={(v) => { setShape(v as Shape); retemplate(v as Shape, model, stream, true); }} />
              <Text size="xs" c="dimmed" mt={-6}>{SHAPES.find((s) => s.value === shape)?.endpoint}</Text>
              <Group grow align="flex-end">
                <Autocomplete label="Model" data={routeNames} value={model}
                  onChange={(v) => { setModel(v); retemplate(shape, v, stream); }}
                  error={!model.trim() ? 'Name a model (a route).' : undefined} />
                <Switch label="Stream" checked={stream} mb={8}
                  onChange={(e) => { const s = e.currentTarget.checked; setStream(s); retemplate(shape, model, s); }} />
              </Group>
              <Textarea label="Request body (JSON)" autosize minRows={10} maxRows={24} value={body}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
                error={problem ?? undefined}
                onChange={(e) => { setBody(e.currentTarget.value); setEdited(true); }} />
              <Group justify="space-between">
                <Button variant="subtle" leftSection={<IconRefresh size={16} />}
                  onClick={() => retemplate(shape, model, stream, true)}>Reset to the template</Button>
                <Group gap="xs">
                  {sending && <Button variant="default" onClick={() => abort.current?.abort()}>Stop</Button>}
                  <Button leftSection={<IconSend size={16} />} loading={sending}
                    disabled={!!problem || !key.trim() || !model.trim()} onClick={() => void send()}>Send</Button>
                </Group>
              </Group>
              {routes.isError && <ErrorAlert error={routes.error} title="The routes could not be listed" />}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {!result ? (
            <EmptyState title="Nothing sent yet">
              Paste a virtual key (the Keys page issues one), pick a shape and send: the request, the gateway's answer
              and its request-log entry show here.
            </EmptyState>
          ) : (
            <Stack gap="md">
              <Paper withBorder p="md" radius="md">
                <Title order={5} mb="xs">Request as sent</Title>
                <ScrollArea.Autosize mah={260}><Code block data-testid="sent">{result.sent}</Code></ScrollArea.Autosize>
              </Paper>
              <Paper withBorder p="md" radius="md">
                <Group justify="space-between" mb="xs">
                  <Title order={5}>Response</Title>
                  <Group gap="xs">
                    {result.status !== null && <Badge size="lg" data-testid="status" variant="light"
                      color={result.status < 400 ? 'teal' : 'red'}>{result.status}</Badge>}
                    {result.elapsedMs !== null && <Text size="sm" c="dimmed">{formatMillis(result.elapsedMs)}</Text>}
                  </Group>
                </Group>
                {result.error && <ErrorAlert error={new Error(result.error)} />}
                {result.headers.length > 0 && (
                  <Table fz="xs" verticalSpacing={2} data-testid="headers">
                    <Table.Thead><Table.Tr><Table.Th>Header</Table.Th><Table.Th>Value</Table.Th></Table.Tr></Table.Thead>
                    <Table.Tbody>
                      {[...result.headers].sort(([a], [b]) => Number(notableHeader(b)) - Number(notableHeader(a)))
                        .map(([name, value]) => (
                          <Table.Tr key={name} data-notable={notableHeader(name) || undefined}
                            bg={notableHeader(name) ? 'var(--mantine-primary-color-light)' : undefined}>
                            <Table.Td fw={notableHeader(name) ? 700 : 400} style={{ whiteSpace: 'nowrap' }}>{name}</Table.Td>
                            <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
                          </Table.Tr>
                        ))}
                    </Table.Tbody>
                  </Table>
                )}
                {result.events.length > 0 || result.streaming ? (
                  <Stack gap={4} mt="sm" data-testid="events">
                    <Text size="sm" fw={600}>{result.events.length} event(s){result.streaming ? ', streaming…' : ''}</Text>
                    <ScrollArea.Autosize mah={360}>
                      <Stack gap={4}>
                        {result.events.map((e, i) => (
                          <Code key={i} block style={{ fontSize: 11, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                            {eventLine(e)}</Code>
                        ))}
                      </Stack>
                    </ScrollArea.Autosize>
                  </Stack>
                ) : result.body ? (
                  <ScrollArea.Autosize mah={360} mt="sm"><Code block data-testid="body">{result.body}</Code></ScrollArea.Autosize>
                ) : null}
              </Paper>
              <Paper withBorder p="md" radius="md">
                <Title order={5} mb="xs">Request-log entry</Title>
                <EntryView result={result} />
              </Paper>
            </Stack>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
