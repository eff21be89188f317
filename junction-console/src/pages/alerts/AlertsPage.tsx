import {
  Badge, Button, Card, Group, Modal, MultiSelect, PasswordInput, Select, SimpleGrid, Stack, Table, Text, TextInput,
  Title, VisuallyHidden,
} from '@mantine/core';
import { IconPlus, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  alertsOverview, deleteAlertChannel, deleteAlertRule, putAlertChannel, putAlertRule, testAlertChannel,
  type AlertChannelView, type AlertDelivery, type AlertRuleDefinition, type AlertRuleView,
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
  const [editing, setEditing] = useState<AlertRuleView | 'new' | null>(null);
  const data = alerts.data;
  return (
    <>
      <PageHeader title="Alerts" description="Where the gateway sends alerts, what it watches, and what is wrong right
        now. Channels and rules from the configuration file are read-only; stored ones can be added, changed and
        removed."
        actions={<Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>Add channel</Button>
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => setEditing('new')}>Add rule</Button>
        </Group>} />
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
              <EmptyState title="No rules" action={<Button variant="light" onClick={() => setEditing('new')}>Add a
                rule</Button>}>Nothing is watched until a rule exists: upstream failure rate, consecutive failures,
                invalid keys, rate limits, open circuits, budgets, the request log, dependencies.</EmptyState>
            ) : (
              <Table.ScrollContainer minWidth={980}>
              <Table verticalSpacing="xs" aria-label="Alert rules">
                <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Type</Table.Th><Table.Th>Condition</Table.Th>
                  <Table.Th>Cool-down</Table.Th><Table.Th>Channels</Table.Th><Table.Th>Source</Table.Th>
                  <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {data.rules.map((r) => <RuleRow key={r.name} rule={r} onEdit={() => setEditing(r)} />)}
                </Table.Tbody>
              </Table>
              </Table.ScrollContainer>
            )}
          </section>
        </Stack>
      )}
      {adding && <ChannelEditor onClose={() => setAdding(false)} />}
      {editing && data && <RuleEditor rule={editing === 'new' ? null : editing}
        channels={data.channels.map((c) => c.name)} onClose={() => setEditing(null)} />}
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

function RuleRow({ rule: r, onEdit }: { rule: AlertRuleView; onEdit: () => void }) {
  const client = useQueryClient();
  const remove = useMutation({ mutationFn: () => deleteAlertRule(r.name),
    onSuccess: () => client.invalidateQueries({ queryKey: ['alerts'] }) });
  return (
    <Table.Tr data-testid={`rule-${r.name}`}>
      <Table.Td>{r.name}</Table.Td><Table.Td className="mono">{r.type}</Table.Td>
      <Table.Td>{condition(r)}</Table.Td><Table.Td>{r.cool_down}</Table.Td>
      <Table.Td>{r.channels?.length ? r.channels.join(', ') : 'all'}</Table.Td>
      <Table.Td style={{ minWidth: 110 }}><Badge variant="light" color={r.source === 'file' ? 'gray' : 'blue'}>
        {r.source === 'file' ? 'config file' : 'stored'}</Badge></Table.Td>
      <Table.Td>
        {r.source === 'store' && (
          <Group gap={4} wrap="nowrap">
            <Button size="xs" variant="subtle" onClick={onEdit} aria-label={`Edit rule ${r.name}`}>Edit</Button>
            <Button size="xs" variant="subtle" color="red" loading={remove.isPending} aria-label={`Delete rule ${r.name}`}
              onClick={() => { if (window.confirm(`Delete the rule ${r.name}?`)) remove.mutate(); }}>Delete</Button>
          </Group>
        )}
        {remove.isError && <ErrorAlert error={remove.error} />}
      </Table.Td>
    </Table.Tr>
  );
}

const RULE_TYPES = ['upstream_failure_rate', 'upstream_consecutive_failures', 'upstream_key_invalid', 'rate_limited',
  'circuit_open', 'budget', 'request_log', 'dependency_down'];
/** The settings each rule type reads, besides cool_down and channels. */
const RULE_FIELDS: Record<string, (keyof AlertRuleDefinition)[]> = {
  upstream_failure_rate: ['by', 'threshold', 'window', 'min_requests'],
  upstream_key_invalid: ['by', 'threshold', 'window', 'min_requests'],
  rate_limited: ['by', 'threshold', 'window', 'min_requests'],
  upstream_consecutive_failures: ['by', 'threshold'],
  circuit_open: ['after'],
  dependency_down: ['after'],
  budget: ['levels'],
  request_log: ['threshold', 'window'],
};
const FIELD_HELP: Record<string, string> = {
  threshold: 'A share from 0 to 1 for rates; a count for consecutive failures and the request log. Empty: the default.',
  window: 'A duration with a unit (5m, 1h). Empty: the default.',
  min_requests: 'Attempts needed before a rate counts. Empty: the default.',
  after: 'How long the condition must hold (0, 30s, 1m). Empty: the default.',
  levels: 'Percentages of the budget, comma-separated (50, 80, 100).',
};

/** Creates or changes a stored rule; the gateway checks it with the configuration file's own reader. */
function RuleEditor({ rule, channels, onClose }: { rule: AlertRuleView | null; channels: string[]; onClose: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState(rule?.name ?? '');
  const [type, setType] = useState(rule?.type ?? 'upstream_failure_rate');
  const [values, setValues] = useState<Record<string, string>>({
    by: rule?.by ?? 'provider',
    threshold: rule?.threshold?.toString() ?? '',
    window: rule?.window ?? '',
    min_requests: rule?.min_requests?.toString() ?? '',
    after: rule?.after ?? '',
    levels: rule?.levels?.join(', ') ?? '',
    cool_down: rule?.cool_down ?? '',
  });
  const [told, setTold] = useState<string[]>(rule?.channels ?? []);
  const set = (field: string) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setValues({ ...values, [field]: e.currentTarget.value });
  const definition = (): AlertRuleDefinition => {
    const body: Record<string, unknown> = { type };
    for (const field of RULE_FIELDS[type] ?? []) {
      const v = values[field]?.trim();
      if (!v) continue;
      if (field === 'threshold' || field === 'min_requests') body[field] = Number(v);
      else if (field === 'levels') body[field] = v.split(',').map((x) => Number(x.trim())).filter((x) => !Number.isNaN(x));
      else body[field] = v;
    }
    if (values.cool_down.trim()) body.cool_down = values.cool_down.trim();
    if (told.length) body.channels = told;
    return body as AlertRuleDefinition;
  };
  const save = useMutation({
    mutationFn: () => putAlertRule(name.trim(), definition()),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['alerts'] });
      onClose();
    },
  });
  const fields = RULE_FIELDS[type] ?? [];
  return (
    <Modal opened onClose={onClose} title={rule ? `Edit the rule ${rule.name}` : 'Add an alert rule'} size="lg">
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Stack>
          <TextInput label="Name" required value={name} placeholder="flaky-upstreams" disabled={rule !== null}
            description="Letters, digits, _ . - (incidents and messages name the rule by it)."
            onChange={(e) => setName(e.currentTarget.value)} />
          <Select label="Type" data={RULE_TYPES} value={type} allowDeselect={false}
            onChange={(v) => setType(v ?? 'upstream_failure_rate')} />
          {fields.includes('by') && (
            <Select label="Group attempts by" data={['provider', 'deployment']} value={values.by} allowDeselect={false}
              onChange={(v) => setValues({ ...values, by: v ?? 'provider' })} />
          )}
          {fields.filter((f) => f !== 'by').map((f) => (
            <TextInput key={f} label={f.replace('_', ' ')} value={values[f]} description={FIELD_HELP[f]}
              onChange={set(f)} />
          ))}
          <TextInput label="Cool-down" value={values.cool_down} placeholder="15m" onChange={set('cool_down')}
            description="A subject that fires again within this time of its last firing stays quiet." />
          <MultiSelect label="Channels" data={channels} value={told} onChange={setTold} clearable
            description="None chosen: every channel." />
          {save.isError && <ErrorAlert error={save.error} title="Not saved" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()}>Save rule</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
