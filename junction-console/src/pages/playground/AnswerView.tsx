import { Badge, Code, Group, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core';
import type { ChatAnswer, LogEntry } from '../../api/try';
import { formatInteger, formatMillis, formatUsd } from '../../lib/format';

/** A figure of an answer, small. */
function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="10px" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text size="sm" fw={600} data-testid={testId}>{value}</Text>
    </Stack>
  );
}

/**
 * One answer: its text as it streams, its tool calls, and its figures: tokens (from the answer, else the log), cost
 * and attempts (from the request-log entry), latency and time to first token (measured in the browser).
 */
export function AnswerView({ answer, entry }: { answer: ChatAnswer; entry: LogEntry | null | undefined }) {
  const input = answer.usage?.prompt_tokens ?? entry?.usage.input;
  const output = answer.usage?.completion_tokens ?? entry?.usage.output;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="answer">
      <Stack gap="xs">
        {answer.state === 'waiting' && <Group gap="xs"><Loader size="xs" /><Text size="sm" c="dimmed">Waiting…</Text></Group>}
        {answer.text && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="answer-text">{answer.text}</Text>}
        {answer.toolCalls.map((call, i) => (
          <Stack key={i} gap={2}>
            <Text size="xs" fw={600}>Tool call {call.name ?? '?'}{call.id ? ` (${call.id})` : ''}</Text>
            <Code block>{call.arguments || '{}'}</Code>
          </Stack>
        ))}
        {answer.state === 'done' && !answer.text && answer.toolCalls.length === 0 &&
          <Text size="sm" c="dimmed">The model answered with no text.</Text>}
        {answer.error && <Text size="sm" c="red" role="alert" data-testid="answer-error">{answer.error}</Text>}
        {answer.state !== 'waiting' && (
          <Group gap="lg" wrap="wrap">
            <Figure label="Tokens in / out" testId="tokens"
              value={input === undefined && output === undefined ? '—' : `${formatInteger(input)} / ${formatInteger(output)}`} />
            <Figure label="Cost" testId="cost" value={entry ? formatUsd(entry.costs.charged_usd) : entry === null ? '—' : '…'} />
            <Figure label="Latency" value={formatMillis(answer.latencyMs)} />
            <Figure label="TTFT" value={formatMillis(answer.ttftMs)} />
            {answer.deployment && <Figure label="Deployment" value={answer.deployment} testId="deployment" />}
            {answer.status !== null && (
              <Badge color={answer.status < 400 ? 'teal' : 'red'} variant="light">{answer.status}</Badge>)}
            {answer.state === 'streaming' && <Loader size="xs" />}
          </Group>
        )}
        {(entry?.attempts || answer.attempts) && (
          <Tooltip label="Every attempt: deployment, status and reason" withArrow>
            <Text size="xs" c="dimmed" data-testid="attempts">Attempts: {answer.attempts ?? entry?.attempts}</Text>
          </Tooltip>
        )}
      </Stack>
    </Paper>
  );
}
