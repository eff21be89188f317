import {
  ActionIcon, Anchor, Button, Group, Menu, Select, Skeleton, Stack, Table, Text, TextInput, VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { budgets, keys, QK, users, type Budget, type VirtualKey } from '../../api/governance';
import { useCan } from '../../api/useCan';
import { BudgetBar } from '../../components/BudgetBar';
import { ConfirmAction } from '../../components/ConfirmAction';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VirtualTable } from '../../components/VirtualRows';
import { PageHeader } from '../../components/PageHeader';
import { formatCompact, formatTime } from '../../lib/format';
import { filterKeys, type KeyStatus } from '../../lib/governance';
import { KeyDetails } from './KeyDetails';
import { KeyFormModal } from './KeyFormModal';
import { SecretModal } from './SecretModal';
import { StatusBadge } from './StatusBadge';

/** How often the list's budget bars are read again. */
const BUDGETS_MS = 10_000;

function limitsText(k: VirtualKey): string {
  const parts = [k.rpm !== null && `${formatCompact(k.rpm)} rpm`, k.tpm !== null && `${formatCompact(k.tpm)} tpm`,
    k.max_concurrent !== null && `${k.max_concurrent} at once`].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'None';
}

/** Virtual keys: search, status filter, create (the secret shown once), edit, enable/disable, revoke, delete. */
export default function KeysPage() {
  const client = useQueryClient();
  const keyList = useQuery({ queryKey: QK.keys, queryFn: keys.list });
  const userList = useQuery({ queryKey: QK.users, queryFn: users.list });
  const keyBudgets = useQuery({ queryKey: [...QK.budgets, 'key'], queryFn: () => budgets.list('key'),
    refetchInterval: BUDGETS_MS });

  // Arriving from the People page: ?user=usr_… lists that user's keys, ?new_for=usr_… opens a new key for them.
  const params = new URLSearchParams(useSearch());
  const [search, setSearch] = useState(params.get('user') ?? '');
  const [status, setStatus] = useState<KeyStatus | 'all'>('all');
  const [form, setForm] = useState<{ editing: VirtualKey | null; userId?: string } | null>(
    params.get('new_for') ? { editing: null, userId: params.get('new_for')! } : null);
  // The new key's secret: only here, only while its modal is open.
  const [issued, setIssued] = useState<{ secret: string; name: string } | null>(null);
  const [detailsId, setDetailsId] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ kind: 'revoke' | 'delete'; k: VirtualKey } | null>(null);

  const userName = useMemo(() => {
    const byId = new Map((userList.data ?? []).map((u) => [u.id, u.name]));
    return (id: string) => byId.get(id);
  }, [userList.data]);
  const budgetsByKey = useMemo(() => {
    const map = new Map<string, Budget[]>();
    for (const b of keyBudgets.data ?? []) map.set(b.scope_id, [...(map.get(b.scope_id) ?? []), b]);
    return map;
  }, [keyBudgets.data]);
  const shown = useMemo(() => filterKeys(keyList.data ?? [], search, status, userName),
    [keyList.data, search, status, userName]);

  const refresh = () => {
    void client.invalidateQueries({ queryKey: QK.keys });
    void client.invalidateQueries({ queryKey: QK.budgets });
    void client.invalidateQueries({ queryKey: QK.audit });
  };
  const toggle = useMutation({
    mutationFn: (k: VirtualKey) => keys.update(k.id, { enabled: !k.enabled }),
    onSuccess: (k) => {
      notifications.show({ message: `Key ${k.name} is ${k.enabled ? 'enabled' : 'disabled'}.` });
      refresh();
    },
    onError: (e) => notifications.show({ color: 'red', title: 'The key was not changed', message: e.message }),
  });

  const noUsers = userList.data !== undefined && userList.data.length === 0;
  const can = useCan();
  const writes = can('keys:write') || can('own_keys:write'); // a developer issues and revokes its own keys
  const details = keyList.data?.find((k) => k.id === detailsId) ?? null;

  return (
    <>
      <PageHeader title="Keys" description="Virtual keys your users call the gateway with: their models, limits, budgets and expiry."
        actions={writes && <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ editing: null })}
          disabled={noUsers}>Create key</Button>} />
      <Stack>
        <Group align="flex-end">
          <TextInput label="Search keys" placeholder="Name, prefix, user or tag" leftSection={<IconSearch size={16} />}
            value={search} onChange={(e) => setSearch(e.currentTarget.value)} style={{ flex: 1, maxWidth: 420 }} />
          <Select label="Status" value={status} allowDeselect={false} w={180}
            onChange={(v) => setStatus((v ?? 'all') as KeyStatus | 'all')}
            data={[{ value: 'all', label: 'All' }, { value: 'enabled', label: 'Enabled' },
              { value: 'disabled', label: 'Disabled' }, { value: 'revoked', label: 'Revoked' },
              { value: 'expired', label: 'Expired' }]} />
        </Group>
        {keyList.isError && <ErrorAlert error={keyList.error} title="The keys could not be read" />}
        {userList.isError && <ErrorAlert error={userList.error} title="The users could not be read" />}
        {keyList.isPending && <Skeleton h={160} />}
        {noUsers && (
          <EmptyState title="No users yet"
            action={<Button component={Link} href="/people" variant="light">Go to users, teams, tenants</Button>}>
            Every key belongs to a user. Create a user first, then give them a key.
          </EmptyState>
        )}
        {!noUsers && keyList.data?.length === 0 && (
          <EmptyState title="No keys yet" action={writes && <Button onClick={() => setForm({ editing: null })}>Create key</Button>}>
            Create a key for a user; its secret is shown once, right after it is created.
          </EmptyState>
        )}
        {keyList.data && keyList.data.length > 0 && shown.length === 0 && (
          <EmptyState title="No key matches">Change the search or the status filter.</EmptyState>
        )}
        {shown.length > 0 && (
          <VirtualTable rows={shown} rowKey={(k) => k.id} label="Keys"
            head={<Table.Tr>
                <Table.Th>Name</Table.Th><Table.Th>Prefix</Table.Th><Table.Th>User</Table.Th>
                <Table.Th>Status</Table.Th><Table.Th>Models</Table.Th><Table.Th>Limits</Table.Th>
                <Table.Th>Budget</Table.Th><Table.Th>Expires</Table.Th><Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
            </Table.Tr>}
            row={(k) => ({ attrs: { 'data-key-id': k.id }, cells: (<>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => setDetailsId(k.id)} fw={600} ta="left">{k.name}</Anchor>
                  </Table.Td>
                  <Table.Td><Text ff="monospace" size="xs" className="nowrap">{k.prefix}</Text></Table.Td>
                  <Table.Td>{userName(k.user_id) ?? k.user_id}</Table.Td>
                  <Table.Td style={{ minWidth: 104 }}><StatusBadge k={k} /></Table.Td>
                  <Table.Td><Text size="sm" lineClamp={1} maw={180}>{k.allowed_models.join(', ') || 'All'}</Text></Table.Td>
                  <Table.Td><Text size="sm" className="nowrap">{limitsText(k)}</Text></Table.Td>
                  <Table.Td>
                    {(budgetsByKey.get(k.id) ?? []).map((b) => <BudgetBar key={b.id} budget={b} compact />)}
                    {!budgetsByKey.get(k.id) && <Text size="sm" c="dimmed">None</Text>}
                  </Table.Td>
                  <Table.Td><Text size="sm" className="nowrap">{k.expires_at ? formatTime(k.expires_at) : 'Never'}</Text></Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" aria-label={`Actions for key ${k.name}`}><IconDots size={18} /></ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setDetailsId(k.id)}>Details and budgets</Menu.Item>
                        {writes && (
                          <>
                            <Menu.Item onClick={() => setForm({ editing: k })}>Edit</Menu.Item>
                            <Menu.Item disabled={!!k.revoked_at} onClick={() => toggle.mutate(k)}>
                              {k.enabled ? 'Disable' : 'Enable'}</Menu.Item>
                            <Menu.Divider />
                            <Menu.Item color="red" disabled={!!k.revoked_at} onClick={() => setConfirm({ kind: 'revoke', k })}>Revoke</Menu.Item>
                            <Menu.Item color="red" onClick={() => setConfirm({ kind: 'delete', k })}>Delete</Menu.Item>
                          </>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
            </>) })} />
        )}
      </Stack>

      {form && (
        <KeyFormModal opened editing={form.editing} defaultUser={form.userId} users={userList.data ?? []} onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            notifications.show({ message: 'The key is saved.' });
            refresh();
          }}
          onIssued={(secret, k) => {
            setForm(null);
            setIssued({ secret, name: k.name });
            refresh();
          }} />
      )}
      <SecretModal secret={issued?.secret ?? null} keyName={issued?.name ?? ''} onClose={() => setIssued(null)} />
      <KeyDetails k={details} userName={details ? userName(details.user_id) ?? details.user_id : ''}
        onClose={() => setDetailsId(null)} />
      <ConfirmAction opened={confirm?.kind === 'revoke'} title="Revoke the key?" confirmLabel="Revoke"
        onClose={() => setConfirm(null)}
        onConfirm={async () => { await keys.revoke(confirm!.k.id); refresh(); }}>
        Key <b>{confirm?.k.name}</b> ({confirm?.k.prefix}) stops working at once, on every replica. It stays in the
        list so the request log still names it.
      </ConfirmAction>
      <ConfirmAction opened={confirm?.kind === 'delete'} title="Delete the key?" confirmLabel="Delete"
        onClose={() => setConfirm(null)}
        onConfirm={async () => { await keys.remove(confirm!.k.id); refresh(); }}>
        Key <b>{confirm?.k.name}</b> ({confirm?.k.prefix}) is deleted and stops working at once.
        This cannot be undone.
      </ConfirmAction>
    </>
  );
}
