import {
  Badge, Button, Card, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconPlus, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  alertsOverview, deleteAlertChannel, putAlertChannel, testAlertChannel, type AlertChannelView, type AlertDelivery,
  type AlertRuleView,
} from '../../api/configure';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatCard } from '../../components/StatCard';
import { formatAgo, formatInteger, formatTime } from '../../lib/format';

const TYPES = ['webhook', 'slack', 'feishu', 'lark', 'wecom', 'dingtalk'];
const STATS: [string, string][] = [['open_incidents', 'Open incidents'], ['delivered', 'Delivered'],
  ['retried', 'Retried'], ['dead_lettered', 'Dead letters'], ['queued', 'Queued'], ['suppressed', 'Suppressed']];

/** Alert channels (stored ones editable), the rules in force, open incidents, and test sends. */
export default function AlertsPage() {
  const alerts = useQuery({ queryKey: ['alerts'], queryFn: alertsOverview, refetchInterval: 15_000 });
  const [adding, setAdding] = useState(false);
  const data = alerts.data;
  return (
    <>
      <PageHeader title="Alerts" description="Where the gateway sends alerts, what it watches, and what is wrong right
        now. Channels from the configuration file are read-only; stored channels can be added and removed. Rules are
        set in the configuration file (alerts.rules)."
        actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>Add channel</Button>} />
      {alerts.isError && <ErrorAlert error={alerts.error} title="Could not load the alerts" />}
      {data && (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
            {STATS.map(([k, label]) => <StatCard key={k} label={label} value={formatInteger(data.stats[k])} />)}
          </SimpleGrid>

          <section aria-labelledby="channels-title">
            <Title order={4} id="channels-title" mb="xs">Channels</Title>
            {data.channels.length === 0 ? (
              <EmptyState title="No channels" action={<Button variant="light" onClick={() => setAdding(true)}>Add a
                channel</Button>}>Alerts go nowhere until a channel exists: add a webhook, Slack, Feishu/Lark, WeCom or
                DingTalk channel.</EmptyState>
            ) : (
              <Table.ScrollContainer minWidth={800}>
                <Table verticalSpacing="sm" aria-label="Alert channels">
                  <Table.Thead>
                    <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Type</Table.Th><Table.Th>Address</Table.Th>
                      <Table.Th>Signed</Table.Th><Table.Th>Source</Table.Th><Table.Th>Test</Table.Th>
                      <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th></Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>{data.channels.map((c) => <ChannelRow key={c.name} channel={c} />)}</Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </section>

          <section aria-labelledby="incidents-title">
            <Title order={4} id="incidents-title" mb="xs">Open incidents</Title>
            {data.incidents.length === 0 ? (
              <EmptyState title="Nothing is wrong right now">Incidents appear here while a rule's condition holds
                (a failing provider, an open circuit, a budget level); each is also sent to the rule's channels.</EmptyState>
            ) : (
              <Table verticalSpacing="xs" aria-label="Open incidents">
                <Table.Thead><Table.Tr><Table.Th>Rule</Table.Th><Table.Th>Subject</Table.Th>
                  <Table.Th>Summary</Table.Th><Table.Th>Since</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {data.incidents.map((i) => (
                    <Table.Tr key={`${i.rule}/${i.subject}`}>
                      <Table.Td>{i.rule}</Table.Td><Table.Td className="mono">{i.subject}</Table.Td>
                      <Table.Td>{i.summary}</Table.Td>
                      <Table.Td title={formatTime(i.since)}>{formatAgo(i.since)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </section>

          <section aria-labelledby="rules-title">
            <Title order={4} id="rules-title" mb="xs">Rules</Title>
            {data.rules.length === 0 ? (
              <EmptyState title="No rules">Add rules under alerts.rules in the configuration file (upstream failure
                rate, consecutive failures, invalid keys, rate limits, open circuits, budgets, the request log,
                dependencies) and restart the gateway.</EmptyState>
            ) : (
              <Table verticalSpacing="xs" aria-label="Alert rules">
                <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Type</Table.Th><Table.Th>Condition</Table.Th>
                  <Table.Th>Cool-down</Table.Th><Table.Th>Channels</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {data.rules.map((r) => (
                    <Table.Tr key={r.name}>
                      <Table.Td>{r.name}</Table.Td><Table.Td className="mono">{r.type}</Table.Td>
                      <Table.Td>{condition(r)}</Table.Td><Table.Td>{r.cool_down}</Table.Td>
                      <Table.Td>{r.channels?.length ? r.channels.join(', ') : 'all'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </section>
        </Stack>
      )}
      {adding && <ChannelEditor onClose={() => setAdding(false)} />}
    </>
  );
}

/** A rule's condition in words. */
function condition(r: AlertRuleView): string {
  const parts: string[] = [];
  if (r.by) parts.push(`by ${r.by}`);
  if (r.threshold !== undefined) parts.push(`threshold ${r.threshold}`);
  if (r.window) parts.push(`over ${r.window}`);
  if (r.min_requests) parts.push(`at least ${r.min_requests} requests`);
  if (r.after) parts.push(`after ${r.after}`);
  if (r.levels) parts.push(`at ${r.levels.join('%, ')}%`);
  return parts.join(', ') || '—';
}

function ChannelRow({ channel: c }: { channel: AlertChannelView }) {
  const client = useQueryClient();
  const [result, setResult] = useState<AlertDelivery | null>(null);
  const test = useMutation({ mutationFn: () => testAlertChannel(c.name), onMutate: () => setResult(null),
    onSuccess: setResult });
  const remove = useMutation({ mutationFn: () => deleteAlertChannel(c.name),
    onSuccess: () => client.invalidateQueries({ queryKey: ['alerts'] }) });
  return (
    <Table.Tr data-testid={`channel-${c.name}`}>
      <Table.Td fw={600}>{c.name}</Table.Td>
      <Table.Td>{c.type}</Table.Td>
      <Table.Td className="mono" title="Only the scheme and host are shown: the address carries credentials.">{c.url}</Table.Td>
      <Table.Td>{c.signed ? 'yes' : 'no'}</Table.Td>
      <Table.Td><Badge variant="light" color={c.source === 'file' ? 'gray' : 'blue'}>
        {c.source === 'file' ? 'config file' : 'stored'}</Badge></Table.Td>
      <Table.Td maw={360}>
        <Stack gap={4}>
          <Button size="xs" variant="default" leftSection={<IconSend size={14} />} loading={test.isPending}
            onClick={() => test.mutate()} aria-label={`Send a test message to ${c.name}`} w="fit-content">Send test</Button>
          {test.isError && <ErrorAlert error={test.error} title="The test could not run" />}
          {result && (
            <Text size="sm" c={result.delivered ? 'green' : 'red'} role="status" data-testid="alert-test-result">
              {result.delivered
                ? `Delivered (HTTP ${result.status ?? '2xx'}, ${result.tries} ${result.tries === 1 ? 'try' : 'tries'}).`
                : `Not delivered${result.status ? ` (HTTP ${result.status})` : ''}: ${result.error ?? 'the receiver refused it'}.`}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        {c.source === 'store' && (
          <Button size="xs" variant="subtle" color="red" loading={remove.isPending} aria-label={`Delete channel ${c.name}`}
            onClick={() => { if (window.confirm(`Delete the channel ${c.name}?`)) remove.mutate(); }}>Delete</Button>
        )}
        {remove.isError && <ErrorAlert error={remove.error} />}
      </Table.Td>
    </Table.Tr>
  );
}

function ChannelEditor({ onClose }: { onClose: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [type, setType] = useState('webhook');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const save = useMutation({
    mutationFn: () => putAlertChannel(name.trim(), { type, url: url.trim(), ...(secret ? { secret } : {}) }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['alerts'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Add an alert channel" size="lg">
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Stack>
          <TextInput label="Name" required value={name} placeholder="oncall"
            description="Letters, digits, _ . - (rules name their channels by it)."
            onChange={(e) => setName(e.currentTarget.value)} />
          <Select label="Type" data={TYPES} value={type} allowDeselect={false} onChange={(v) => setType(v ?? 'webhook')} />
          <PasswordInput label="Webhook address" required value={url} placeholder="https://…"
            description="A credential (it often carries the bot's token): sealed in the store, shown only as its host."
            onChange={(e) => setUrl(e.currentTarget.value)} />
          <PasswordInput label="Signing secret" value={secret} autoComplete="new-password"
            description="Optional: for receivers that check signatures. Never shown again."
            onChange={(e) => setSecret(e.currentTarget.value)} />
          {save.isError && <ErrorAlert error={save.error} title="Not saved" />}
          <Card withBorder padding="xs"><Text size="xs" c="dimmed">After saving, use “Send test” to check that the
            receiver takes the messages.</Text></Card>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim() || !url.trim()}>Save channel</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
