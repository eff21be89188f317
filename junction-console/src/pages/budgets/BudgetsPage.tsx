import {
  ActionIcon, Autocomplete, Badge, Button, Group, Menu, Modal, NumberInput, SegmentedControl, Select, Skeleton,
  Stack, Table, Text, TextInput, VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import {
  budgets, keys, QK, teams, tenants, users, type Budget, type BudgetPeriod, type BudgetScope,
} from '../../api/governance';
import { BudgetBar } from '../../components/BudgetBar';
import { ConfirmAction } from '../../components/ConfirmAction';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VirtualTable } from '../../components/VirtualRows';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../api/useCan';
import { formatTime, formatUsd } from '../../lib/format';
import { budgetFields, matchesSearch, type NumberText } from '../../lib/governance';
import { PERIODS, TIME_ZONES } from '../keys/KeyFormModal';

const REFRESH_MS = 10_000;
const SCOPES: { value: BudgetScope; label: string }[] = [
  { value: 'key', label: 'Key' }, { value: 'user', label: 'User' }, { value: 'team', label: 'Team' },
  { value: 'tenant', label: 'Tenant' },
];

/** The names of every key, user, team and tenant, to show a budget's scope by name. */
function useScopeNames() {
  const k = useQuery({ queryKey: QK.keys, queryFn: keys.list });
  const u = useQuery({ queryKey: QK.users, queryFn: users.list });
  const t = useQuery({ queryKey: QK.teams, queryFn: teams.list });
  const n = useQuery({ queryKey: QK.tenants, queryFn: tenants.list });
  return useMemo(() => {
    const options: Record<BudgetScope, { value: string; label: string }[]> = {
      key: (k.data ?? []).map((x) => ({ value: x.id, label: `${x.name} (${x.prefix})` })),
      user: (u.data ?? []).map((x) => ({ value: x.id, label: x.name })),
      team: (t.data ?? []).map((x) => ({ value: x.id, label: x.name })),
      tenant: (n.data ?? []).map((x) => ({ value: x.id, label: x.name })),
    };
    const names = new Map<string, string>();
    for (const list of Object.values(options)) for (const o of list) names.set(o.value, o.label);
    return { options, name: (id: string) => names.get(id) };
  }, [k.data, u.data, t.data, n.data]);
}

function CreateBudgetModal({ options, onClose, onSaved }: {
  options: Record<BudgetScope, { value: string; label: string }[]>; onClose: () => void; onSaved: () => void;
}) {
  const [scope, setScope] = useState<BudgetScope>('user');
  const [scopeId, setScopeId] = useState<string | null>(null);
  const [amount, setAmount] = useState<NumberText>('');
  const [period, setPeriod] = useState<BudgetPeriod>('monthly');
  const [zone, setZone] = useState('UTC');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      if (!scopeId) throw new Error(`Choose the ${scope} the budget caps.`);
      await budgets.create({ scope, scope_id: scopeId, ...budgetFields({ amount, period, time_zone: zone }) });
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title="Create a budget">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Select label="Scope" description="What the budget caps" data={SCOPES} value={scope} allowDeselect={false}
            onChange={(v) => { setScope((v ?? 'user') as BudgetScope); setScopeId(null); }} />
          <Select label={SCOPES.find((s) => s.value === scope)!.label} data={options[scope]} value={scopeId}
            onChange={setScopeId} searchable required nothingFoundMessage={`No ${scope} of that name`} />
          <NumberInput label="Amount (USD)" value={amount} onChange={setAmount} min={0} decimalScale={2} prefix="$" required />
          <Select label="Period" data={PERIODS} value={period} allowDeselect={false}
            onChange={(v) => setPeriod((v ?? 'monthly') as BudgetPeriod)} />
          <Autocomplete label="Time zone" description="Where the period's days, weeks and months begin" data={TIME_ZONES}
            value={zone} onChange={setZone} limit={20} />
          {error !== null && <ErrorAlert error={error} title="The budget was not created" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={busy}>Create budget</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function EditAmountModal({ budget, onClose, onSaved }: { budget: Budget; onClose: () => void; onSaved: () => void }) {
  const [amount, setAmount] = useState<NumberText>(budget.amount_usd);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const { amount_usd } = budgetFields({ amount, period: budget.period, time_zone: budget.time_zone });
      if (amount_usd !== budget.amount_usd) await budgets.update(budget.id, { amount_usd });
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title="Change the budget's amount">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <NumberInput label="Amount (USD)" value={amount} onChange={setAmount} min={0} decimalScale={2} prefix="$"
            required data-autofocus description={`A ${budget.period} budget; what is spent this period stays spent.`} />
          {error !== null && <ErrorAlert error={error} title="The budget was not changed" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={busy}>Save</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Every budget with its scope by name, what is spent, reserved and left this period, and when it resets. */
export default function BudgetsPage() {
  const client = useQueryClient();
  const list = useQuery({ queryKey: QK.budgets, queryFn: () => budgets.list(), refetchInterval: REFRESH_MS });
  const scopes = useScopeNames();
  const [scope, setScope] = useState<BudgetScope | 'all'>('all');
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const writes = useCan()('budgets:write');
  const [editing, setEditing] = useState<Budget | null>(null);
  const [deleting, setDeleting] = useState<Budget | null>(null);

  const refresh = () => {
    void client.invalidateQueries({ queryKey: QK.budgets });
    void client.invalidateQueries({ queryKey: QK.audit });
  };
  const rows = (list.data ?? []).filter((b) => (scope === 'all' || b.scope === scope)
    && matchesSearch(search, b.scope, b.scope_id, scopes.name(b.scope_id), b.period));

  return (
    <>
      <PageHeader title="Budgets"
        description="Spending caps on keys, users, teams and tenants. A request is refused when any budget on its way is used up."
        actions={writes && <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>Create budget</Button>} />
      <Stack>
        <Group align="flex-end">
          <TextInput label="Search budgets" placeholder="Name or id of the key, user, team or tenant"
            leftSection={<IconSearch size={16} />} value={search} onChange={(e) => setSearch(e.currentTarget.value)}
            style={{ flex: 1, maxWidth: 420 }} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="budget-scope-filter">Scope</Text>
            <SegmentedControl aria-labelledby="budget-scope-filter" value={scope}
              onChange={(v) => setScope(v as BudgetScope | 'all')}
              data={[{ value: 'all', label: 'All' }, ...SCOPES]} />
          </Stack>
        </Group>
        {list.isError && <ErrorAlert error={list.error} title="The budgets could not be read" />}
        {list.isPending && <Skeleton h={160} />}
        {list.data?.length === 0 && (
          <EmptyState title="No budgets yet" action={writes && <Button onClick={() => setCreating(true)}>Create budget</Button>}>
            Cap what a key, user, team or tenant may spend per day, week, month or in total. Keys can also get a budget
            when they are created.
          </EmptyState>
        )}
        {list.data && list.data.length > 0 && rows.length === 0 && (
          <EmptyState title="No budget matches">Change the search or the scope.</EmptyState>
        )}
        {rows.length > 0 && (
          <VirtualTable rows={rows} rowKey={(b) => b.id} label="Budgets"
            head={<Table.Tr>
                <Table.Th>Scope</Table.Th><Table.Th>Name</Table.Th><Table.Th>Amount</Table.Th>
                <Table.Th>Period</Table.Th><Table.Th>Used this period</Table.Th><Table.Th>Remaining</Table.Th>
                <Table.Th>This period</Table.Th>
                <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
            </Table.Tr>}
            row={(b) => ({ attrs: { 'data-budget-row': b.id }, cells: (<>
                  <Table.Td><Badge variant="outline">{b.scope}</Badge></Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>{scopes.name(b.scope_id) ?? b.scope_id}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">{b.scope_id}</Text>
                  </Table.Td>
                  <Table.Td className="nowrap">{formatUsd(b.amount_usd)}</Table.Td>
                  <Table.Td><Text size="sm">{b.period}</Text><Text size="xs" c="dimmed">{b.time_zone}</Text></Table.Td>
                  <Table.Td><BudgetBar budget={b} compact /></Table.Td>
                  <Table.Td className="nowrap">{formatUsd(b.remaining_usd)}</Table.Td>
                  <Table.Td>
                    <Text size="xs" className="nowrap">Started {formatTime(b.period_start)}</Text>
                    <Text size="xs" className="nowrap" c="dimmed">
                      {b.resets_at === null ? 'Never resets' : `Resets ${formatTime(b.resets_at)}`}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {writes && <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" aria-label={`Actions for the budget of ${scopes.name(b.scope_id) ?? b.scope_id}`}>
                          <IconDots size={18} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setEditing(b)}>Change amount</Menu.Item>
                        <Menu.Item color="red" onClick={() => setDeleting(b)}>Delete</Menu.Item>
                      </Menu.Dropdown>
                    </Menu>}
                  </Table.Td>
            </>) })} />
        )}
      </Stack>
      {creating && (
        <CreateBudgetModal options={scopes.options} onClose={() => setCreating(false)}
          onSaved={() => { setCreating(false); notifications.show({ message: 'The budget is created.' }); refresh(); }} />
      )}
      {editing && (
        <EditAmountModal budget={editing} onClose={() => setEditing(null)}
          onSaved={() => { setEditing(null); notifications.show({ message: 'The budget is saved.' }); refresh(); }} />
      )}
      <ConfirmAction opened={deleting !== null} title="Delete the budget?" confirmLabel="Delete"
        onClose={() => setDeleting(null)}
        onConfirm={async () => { await budgets.remove(deleting!.id); refresh(); }}>
        The {deleting?.period} budget of {formatUsd(deleting?.amount_usd)} on {deleting?.scope}{' '}
        <b>{deleting ? scopes.name(deleting.scope_id) ?? deleting.scope_id : ''}</b> is deleted; its spending is no
        longer capped by it.
      </ConfirmAction>
    </>
  );
}
