import {
  Accordion, Button, Grid, Group, Paper, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Switch, Text,
  TextInput, Textarea,
} from '@mantine/core';
import { IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import { awaitEntry, NO_ANSWER, runPlayground, tryApi, type ChatAnswer, type LogEntry } from '../../api/try';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import {
  chatBody, chatTool, DEFAULT_PARAMS, parseTarget, readParams, targetValue, toolProblems, userMessage,
  type ChatMessage, type ImageInput, type ParamsDraft, type ToolDraft,
} from '../../lib/playground';
import { AnswerView } from './AnswerView';
import { ImagesInput } from './ImagesInput';
import { ToolsEditor } from './ToolsEditor';

/** One exchange in a pane: what was asked, and the answer with its log entry (undefined while it is awaited). */
interface Turn { user: ChatMessage; shown: string; images: number; answer: ChatAnswer; entry?: LogEntry | null }
interface Pane { target: string | null; turns: Turn[] }

const MAX_PANES = 3;

/** The conversation so far as messages: each turn's question and its answer's text. */
function history(turns: Turn[]): ChatMessage[] {
  return turns.flatMap((t) => [t.user, ...(t.answer.text ? [{ role: 'assistant' as const, content: t.answer.text }]
    : [])]);
}

/**
 * The playground: an operator's chat with a route, or one deployment of it, through the real routing path (no budget
 * or limit applies; logged as source "playground"), with streaming, a system prompt, parameters, tools and images,
 * and up to three models side by side on the same prompt.
 */
export default function PlaygroundPage() {
  const routes = useQuery({ queryKey: ['routes'], queryFn: tryApi.routes });
  const [paneCount, setPaneCount] = useState(1);
  const [panes, setPanes] = useState<Pane[]>(() => Array.from({ length: MAX_PANES }, () => ({ target: null,
    turns: [] })));
  const [system, setSystem] = useState('');
  const [paramsDraft, setParamsDraft] = useState<ParamsDraft>(DEFAULT_PARAMS);
  const [stream, setStream] = useState(true);
  const [tools, setTools] = useState<ToolDraft[]>([]);
  const [images, setImages] = useState<ImageInput[]>([]);
  const [prompt, setPrompt] = useState('');
  const [busy, setBusy] = useState(0);
  const [attempted, setAttempted] = useState(false);
  const aborts = useRef<AbortController[]>([]);

  const active = useMemo(() => (routes.data ?? []).filter((r) => r.active), [routes.data]);
  const targets = useMemo(() => active.map((r) => ({ group: r.name, items: [
    { value: targetValue({ route: r.name }), label: `${r.name} (the route)` },
    ...(r.groups ?? []).flatMap((g) => g.deployments ?? []).map((d) => ({
      value: targetValue({ route: r.name, deployment: d.id }), label: `${r.name} → ${d.id} (${d.provider}/${d.model})` })),
  ] })), [active]);
  // Until the user picks, pane i shows the i-th target (the first route, then its deployments or the next routes).
  const flat = targets.flatMap((g) => g.items.map((i) => i.value));
  const targetOf = (i: number) => panes[i].target ?? flat[i] ?? flat[0] ?? null;

  const { params, errors } = readParams(paramsDraft);
  const toolErrors = tools.some((t) => toolProblems(t).length > 0);
  const canSend = busy === 0 && (prompt.trim() !== '' || images.length > 0) && Object.keys(errors).length === 0
    && !toolErrors && Array.from({ length: paneCount }, (_, i) => targetOf(i)).every(Boolean);

  const setTurn = (pane: number, turn: number, change: Partial<Turn>) => setPanes((all) => all.map((p, i) =>
    i !== pane ? p : { ...p, turns: p.turns.map((t, j) => (j === turn ? { ...t, ...change } : t)) }));

  const send = () => {
    setAttempted(true);
    if (!canSend) return;
    const user = userMessage(prompt, images);
    const shown = prompt;
    const imageCount = images.length;
    setAttempted(false);
    setPrompt('');
    setImages([]);
    aborts.current = [];
    for (let pane = 0; pane < paneCount; pane++) {
      const target = parseTarget(targetOf(pane)!);
      const before = panes[pane].turns;
      const turn = before.length;
      const body = chatBody({ target, system, history: [...history(before), user], params,
        tools: tools.map(chatTool), stream });
      setPanes((all) => all.map((p, i) => (i !== pane ? p : { target: targetOf(pane), turns: [...p.turns,
        { user, shown, images: imageCount, answer: NO_ANSWER }] })));
      const abort = new AbortController();
      aborts.current.push(abort);
      setBusy((n) => n + 1);
      void runPlayground(body, (answer) => setTurn(pane, turn, { answer }), abort.signal).then(async (answer) => {
        setBusy((n) => n - 1);
        // The log has the cost and the attempts; it writes the entry just after the answer.
        const entry = answer.requestId ? await awaitEntry(answer.requestId).catch(() => null) : null;
        setTurn(pane, turn, { entry });
      });
    }
  };

  if (routes.isPending) return <Stack><PageHeader title="Playground" /><Skeleton h={300} /></Stack>;
  if (routes.isError) return <Stack><PageHeader title="Playground" /><ErrorAlert error={routes.error} /></Stack>;

  return (
    <Stack gap="md">
      <PageHeader title="Playground"
        description="Chat with a route or one of its deployments through the real routing path. Calls are yours: no
          budget or rate limit applies, and they are logged as source “playground”, apart from the clients’ spend."
        actions={<>
          <SegmentedControl aria-label="Models side by side" value={String(paneCount)}
            onChange={(v) => setPaneCount(Number(v))}
            data={[{ value: '1', label: 'One model' }, { value: '2', label: 'Two' }, { value: '3', label: 'Three' }]} />
          <Button variant="default" leftSection={<IconTrash size={16} />} disabled={busy > 0}
            onClick={() => setPanes((all) => all.map((p) => ({ ...p, turns: [] })))}>Clear</Button>
        </>} />
      {active.length === 0 ? (
        <EmptyState title="No routes to try"
          action={<Button component={Link} href="/routes" variant="light">Open Routes</Button>}>
          The playground sends requests to a route (a public model). Configure a route first.
        </EmptyState>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Paper withBorder p="md" radius="md">
              <Stack gap="sm">
                <Textarea label="System prompt" placeholder="You are a helpful assistant." autosize minRows={2}
                  maxRows={8} value={system} onChange={(e) => setSystem(e.currentTarget.value)} />
                <SimpleGrid cols={3} spacing="xs">
                  <TextInput label="Temperature" placeholder="default" value={paramsDraft.temperature}
                    error={errors.temperature}
                    onChange={(e) => setParamsDraft({ ...paramsDraft, temperature: e.currentTarget.value })} />
                  <TextInput label="Max tokens" value={paramsDraft.maxTokens} error={errors.maxTokens}
                    onChange={(e) => setParamsDraft({ ...paramsDraft, maxTokens: e.currentTarget.value })} />
                  <TextInput label="Top p" placeholder="default" value={paramsDraft.topP} error={errors.topP}
                    onChange={(e) => setParamsDraft({ ...paramsDraft, topP: e.currentTarget.value })} />
                </SimpleGrid>
                <Textarea label="Stop sequences" description="One per line, up to four." autosize minRows={1}
                  maxRows={4} value={paramsDraft.stop} error={errors.stop}
                  onChange={(e) => setParamsDraft({ ...paramsDraft, stop: e.currentTarget.value })} />
                <Switch label="Stream the answer" checked={stream} onChange={(e) => setStream(e.currentTarget.checked)} />
                <Accordion variant="contained" multiple>
                  <Accordion.Item value="tools">
                    <Accordion.Control>Tools ({tools.length})</Accordion.Control>
                    <Accordion.Panel><ToolsEditor tools={tools} onChange={setTools} /></Accordion.Panel>
                  </Accordion.Item>
                  <Accordion.Item value="images">
                    <Accordion.Control>Images ({images.length})</Accordion.Control>
                    <Accordion.Panel><ImagesInput images={images} onChange={setImages} /></Accordion.Panel>
                  </Accordion.Item>
                </Accordion>
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, md: paneCount }} spacing="md">
                {Array.from({ length: paneCount }, (_, i) => (
                  <Paper key={i} withBorder p="sm" radius="md" data-testid={`pane-${i + 1}`}>
                    <Stack gap="sm">
                      <Select label={`Model ${i + 1}`} data={targets} value={targetOf(i)} allowDeselect={false}
                        searchable disabled={busy > 0}
                        onChange={(v) => setPanes((all) => all.map((p, j) => (j === i ? { ...p, target: v } : p)))} />
                      {panes[i].turns.length === 0 ? (
                        <Text size="sm" c="dimmed">No messages yet: write a prompt below and send it.</Text>
                      ) : panes[i].turns.map((turn, j) => (
                        <Stack key={j} gap={6}>
                          <Paper p="xs" radius="md" bg="var(--mantine-color-default-hover)">
                            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{turn.shown}</Text>
                            {turn.images > 0 && <Text size="xs" c="dimmed">+ {turn.images} image(s)</Text>}
                          </Paper>
                          <AnswerView answer={turn.answer} entry={turn.entry} />
                        </Stack>
                      ))}
                    </Stack>
                  </Paper>
                ))}
              </SimpleGrid>
              <Paper withBorder p="sm" radius="md">
                <Stack gap="xs">
                  <Textarea label="Prompt" placeholder="Ask something… (Ctrl+Enter sends)" autosize minRows={2}
                    maxRows={10} value={prompt} onChange={(e) => setPrompt(e.currentTarget.value)}
                    onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send(); }}
                    error={attempted && !prompt.trim() && images.length === 0 && busy === 0 ? 'Write a prompt first.'
                      : undefined} />
                  <Group justify="space-between">
                    <Text size="xs" c="dimmed">
                      {toolErrors ? 'A tool has problems; fix them to send.'
                        : Object.keys(errors).length > 0 ? 'A parameter is out of range; fix it to send.'
                        : `Sent to ${paneCount === 1 ? 'the model' : `${paneCount} models at once`}, with the conversation so far.`}
                    </Text>
                    <Group gap="xs">
                      {busy > 0 && <Button variant="default" onClick={() => aborts.current.forEach((a) => a.abort())}>
                        Stop</Button>}
                      <Button leftSection={<IconPlayerPlay size={16} />} onClick={send} loading={busy > 0}
                        disabled={busy === 0 && !canSend && (attempted || toolErrors
                          || Object.keys(errors).length > 0)}>Send</Button>
                    </Group>
                  </Group>
                </Stack>
              </Paper>
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
