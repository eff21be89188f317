import {
  ActionIcon, Badge, Button, Menu, Skeleton, Stack, Table, Tabs, Text, TextInput, VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconDots, IconPlus, IconSearch, IconUser, IconUsersGroup } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { QK, teams, tenants, users, type Team, type Tenant, type User } from '../../api/governance';
import { useCan } from '../../api/useCan';
import { ConfirmAction } from '../../components/ConfirmAction';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VirtualTable } from '../../components/VirtualRows';
import { PageHeader } from '../../components/PageHeader';
import { formatCompact, formatPercent } from '../../lib/format';
import { matchesSearch, type PartyKind } from '../../lib/governance';
import { KIND_LABEL, PartyFormModal } from './PartyFormModal';

type Party = Tenant | Team | User;
const API = { tenant: tenants, team: teams, user: users };

function limitsText(p: Party): string {
  const parts = [p.rpm !== null && `${formatCompact(p.rpm)} rpm`, p.tpm !== null && `${formatCompact(p.tpm)} tpm`,
    p.max_concurrent !== null && `${p.max_concurrent} at once`].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'None';
}

/** Tenants, teams and users in three tabs: search, create, edit, enable/disable (teams, users), delete. */
export default function PeoplePage() {
  const client = useQueryClient();
  const tenantList = useQuery({ queryKey: QK.tenants, queryFn: tenants.list });
  const teamList = useQuery({ queryKey: QK.teams, queryFn: teams.list });
  const userList = useQuery({ queryKey: QK.users, queryFn: users.list });
  const [tab, setTab] = useState<PartyKind>('user');
  const can = useCan();
  /** Whether the principal may change this kind of party (tenants:write, teams:write, users:write). */
  const writes = (kind: PartyKind) => can(`${kind}s:write`);
  const [search, setSearch] = useState('');
  const [form, setForm] = useState<{ kind: PartyKind; editing: Party | null } | null>(null);
  const [deleting, setDeleting] = useState<{ kind: PartyKind; p: Party } | null>(null);

  const tenantName = useMemo(() => new Map((tenantList.data ?? []).map((t) => [t.id, t.name])), [tenantList.data]);
  const teamName = useMemo(() => new Map((teamList.data ?? []).map((t) => [t.id, t.name])), [teamList.data]);

  const refresh = () => {
    for (const key of [QK.tenants, QK.teams, QK.users, QK.audit]) void client.invalidateQueries({ queryKey: key });
  };
  const setEnabled = async (kind: 'team' | 'user', p: Team | User) => {
    try {
      await API[kind].update(p.id, { enabled: !p.enabled });
      notifications.show({ message: `${p.name} is ${p.enabled ? 'disabled' : 'enabled'}.` });
      refresh();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Nothing was changed', message: (e as Error).message });
    }
  };

  const queries = { tenant: tenantList, team: teamList, user: userList };
  const current = queries[tab];
  const rows = ((current.data ?? []) as Party[]).filter((p) => matchesSearch(search, p.name, p.id,
    'email' in p ? p.email : null, 'tenant_id' in p ? tenantName.get(p.tenant_id) : null,
    'team_id' in p && p.team_id ? teamName.get(p.team_id) : null));

  const actions = (kind: PartyKind, p: Party) => {
    if (!writes(kind)) {
      // Read-only: no menu of changes, only the way to the user's keys.
      return kind === 'user'
        ? <Button component={Link} href={`/keys?user=${encodeURIComponent(p.id)}`} variant="subtle" size="xs">Their keys</Button>
        : null;
    }
    return (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" aria-label={`Actions for ${KIND_LABEL[kind]} ${p.name}`}><IconDots size={18} /></ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => setForm({ kind, editing: p })}>Edit</Menu.Item>
          {kind === 'user' && <Menu.Item component={Link} href={`/keys?user=${encodeURIComponent(p.id)}`}>Their keys</Menu.Item>}
          {kind === 'user' && can('keys:write') && (
            <Menu.Item component={Link} href={`/keys?new_for=${encodeURIComponent(p.id)}`}>Give them a key</Menu.Item>
          )}
          {kind !== 'tenant' && 'enabled' in p && (
            <Menu.Item onClick={() => setEnabled(kind, p)}>{p.enabled ? 'Disable' : 'Enable'}</Menu.Item>
          )}
          <Menu.Divider />
          <Menu.Item color="red" onClick={() => setDeleting({ kind, p })}>Delete</Menu.Item>
        </Menu.Dropdown>
      </Menu>
    );
  };
  const status = (p: Team | User) => <Badge color={p.enabled ? 'teal' : 'gray'} variant="light" style={{ minWidth: 'max-content' }}>{p.enabled ? 'enabled' : 'disabled'}</Badge>;
  const models = (p: Party) => <Text size="sm" lineClamp={1} maw={200}>{p.allowed_models.join(', ') || 'All'}</Text>;

  const empty: Record<PartyKind, string> = {
    tenant: 'Tenants separate customers or departments; each has its own markup, limits and teams. Create one.',
    team: 'Teams group users inside a tenant and share limits and budgets. Create a tenant first if you need one, then a team.',
    user: 'Users own keys. Create a user (in a tenant, optionally a team), then give them a key on the Keys page.',
  };

  return (
    <>
      <PageHeader title="Users, teams, tenants"
        description="Who may use the gateway: tenants contain teams, teams contain users, users own keys. Limits and allowed models apply at every level."
        actions={writes(tab) && <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ kind: tab, editing: null })}>
          Create {KIND_LABEL[tab]}</Button>} />
      <Tabs value={tab} onChange={(v) => v && setTab(v as PartyKind)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="user" leftSection={<IconUser size={16} />}>Users ({userList.data?.length ?? '…'})</Tabs.Tab>
          <Tabs.Tab value="team" leftSection={<IconUsersGroup size={16} />}>Teams ({teamList.data?.length ?? '…'})</Tabs.Tab>
          <Tabs.Tab value="tenant" leftSection={<IconBuilding size={16} />}>Tenants ({tenantList.data?.length ?? '…'})</Tabs.Tab>
        </Tabs.List>
        <Stack>
          <TextInput label={`Search ${KIND_LABEL[tab]}s`} placeholder="Name, id, email, tenant or team"
            leftSection={<IconSearch size={16} />} value={search} onChange={(e) => setSearch(e.currentTarget.value)}
            maw={420} />
          {current.isError && <ErrorAlert error={current.error} title={`The ${KIND_LABEL[tab]}s could not be read`} />}
          {current.isPending && <Skeleton h={160} />}
          {current.data && current.data.length === 0 && (
            <EmptyState title={`No ${KIND_LABEL[tab]}s yet`}
              action={writes(tab) && <Button onClick={() => setForm({ kind: tab, editing: null })}>Create {KIND_LABEL[tab]}</Button>}>
              {empty[tab]}
            </EmptyState>
          )}
          {current.data && current.data.length > 0 && rows.length === 0 && (
            <EmptyState title="Nothing matches">Change the search.</EmptyState>
          )}
          {rows.length > 0 && (
            <VirtualTable rows={rows} rowKey={(p) => p.id} label={`${KIND_LABEL[tab]}s`}
              head={<Table.Tr>
                  <Table.Th>Name</Table.Th>
                  {tab === 'user' && <Table.Th>Email</Table.Th>}
                  {tab !== 'tenant' && <Table.Th>Tenant</Table.Th>}
                  {tab === 'user' && <Table.Th>Team</Table.Th>}
                  {tab !== 'user' && <Table.Th>Markup</Table.Th>}
                  <Table.Th>Limits</Table.Th><Table.Th>Models</Table.Th>
                  {tab !== 'tenant' && <Table.Th>Status</Table.Th>}
                  <Table.Th>Id</Table.Th>
                  <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
              </Table.Tr>}
              row={(p) => ({ cells: (<>
                    <Table.Td fw={600}>{p.name}</Table.Td>
                    {tab === 'user' && <Table.Td>{(p as User).email ?? '—'}</Table.Td>}
                    {tab !== 'tenant' && <Table.Td>{tenantName.get((p as User).tenant_id) ?? (p as User).tenant_id}</Table.Td>}
                    {tab === 'user' && <Table.Td>{(p as User).team_id ? teamName.get((p as User).team_id!) ?? (p as User).team_id : '—'}</Table.Td>}
                    {tab !== 'user' && (
                      <Table.Td>{(p as Team).markup === null ? "Tenant's" : formatPercent((p as Team).markup)}</Table.Td>
                    )}
                    <Table.Td><Text size="sm" className="nowrap">{limitsText(p)}</Text></Table.Td>
                    <Table.Td>{models(p)}</Table.Td>
                    {tab !== 'tenant' && <Table.Td style={{ minWidth: 104 }}>{status(p as User)}</Table.Td>}
                    <Table.Td><Text ff="monospace" size="xs" className="nowrap">{p.id}</Text></Table.Td>
                    <Table.Td>{actions(tab, p)}</Table.Td>
              </>) })} />
          )}
        </Stack>
      </Tabs>

      {form && (
        <PartyFormModal kind={form.kind} editing={form.editing} allTenants={tenantList.data ?? []}
          allTeams={teamList.data ?? []} onClose={() => setForm(null)}
          onSaved={(p) => {
            notifications.show({ message: `${KIND_LABEL[form.kind][0].toUpperCase()}${KIND_LABEL[form.kind].slice(1)} ${p.name} is saved.` });
            setForm(null);
            refresh();
          }} />
      )}
      <ConfirmAction opened={deleting !== null} title={`Delete the ${deleting ? KIND_LABEL[deleting.kind] : ''}?`}
        confirmLabel="Delete" onClose={() => setDeleting(null)}
        onConfirm={async () => { await API[deleting!.kind].remove(deleting!.p.id); refresh(); }}>
        <b>{deleting?.p.name}</b> is deleted. The gateway refuses while something still belongs to it (teams,
        users or keys); its message says what.
      </ConfirmAction>
    </>
  );
}
