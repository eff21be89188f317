import { Badge, Drawer, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { budgets, QK, type VirtualKey } from '../../api/governance';
import { BudgetBar } from '../../components/BudgetBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatInteger, formatTime } from '../../lib/format';
import { StatusBadge } from './StatusBadge';

/** How often a key's budgets are read again while its details are open: spend settles after each response. */
const LIVE_MS = 3_000;

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">{label}</Text>
      <Text size="sm" component="div">{children}</Text>
    </Stack>
  );
}

const listOrAll = (values: string[], all: string) => values.length ? values.join(', ') : all;

/** A key's settings and its budgets with live remaining (spent, reserved, remaining, reset). */
export function KeyDetails({ k, userName, onClose }: { k: VirtualKey | null; userName: string; onClose: () => void }) {
  const live = useQuery({
    queryKey: [...QK.budgets, 'key', k?.id],
    queryFn: () => budgets.list('key', k!.id),
    enabled: k !== null,
    refetchInterval: LIVE_MS,
  });
  return (
    <Drawer opened={k !== null} onClose={onClose} position="right" size="lg" title={k ? `Key ${k.name}` : ''}>
      {k && (
        <Stack>
          <Group gap="xs"><StatusBadge k={k} /><Text ff="monospace" size="sm">{k.prefix}</Text></Group>
          <SimpleGrid cols={2}>
            <Field label="User">{userName}</Field>
            <Field label="Id"><Text ff="monospace" size="sm">{k.id}</Text></Field>
            <Field label="Allowed models">{listOrAll(k.allowed_models, 'All models')}</Field>
            <Field label="IP allow-list">{listOrAll(k.ip_allow, 'Anywhere')}</Field>
            <Field label="Requests per minute">{k.rpm === null ? 'No limit' : formatInteger(k.rpm)}</Field>
            <Field label="Tokens per minute">{k.tpm === null ? 'No limit' : formatInteger(k.tpm)}</Field>
            <Field label="Max concurrent">{k.max_concurrent === null ? 'No limit' : formatInteger(k.max_concurrent)}</Field>
            <Field label="Expires">{k.expires_at ? formatTime(k.expires_at) : 'Never'}</Field>
            <Field label="Tags">{k.tags.length ? k.tags.map((t) => <Badge key={t} variant="outline" mr={4}>{t}</Badge>) : '—'}</Field>
            <Field label="Bodies captured">{k.capture_bodies ? 'Yes' : 'No'}</Field>
            <Field label="Created">{formatTime(k.created_at)}</Field>
            <Field label="Updated">{formatTime(k.updated_at)}</Field>
          </SimpleGrid>
          <Group justify="space-between">
            <Title order={4}>Budgets</Title>
            {live.isFetching && <Loader size="xs" aria-label="Refreshing the budgets" />}
          </Group>
          {live.isError && <ErrorAlert error={live.error} title="The budgets could not be read" />}
          {live.data && live.data.length === 0 && (
            <Text size="sm" c="dimmed">This key has no budget of its own. Add one on the Budgets page (scope: key).</Text>
          )}
          {live.data?.map((b) => <BudgetBar key={b.id} budget={b} />)}
        </Stack>
      )}
    </Drawer>
  );
}
