import {
  ActionIcon, Badge, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Table, Tabs, TagsInput, Text, Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  checkRoute, deleteRoute, listProviders, listRoutes, putRoute, type RouteView,
} from '../../api/configure';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { forField, problemsByField, routePrefix } from '../../lib/problems';
import {
  blockText, blockToForm, emptyForm, formToBlock, parseBlock, STRATEGIES, type RouteForm,
} from '../../lib/routeBlock';
import { ProblemList, readOnlyText, SourceBadge } from '../configure/common';

/** Every route: its groups in order, their deployments and weights; stored routes editable. */
export default function RoutesPage() {
  const routes = useQuery({ queryKey: ['routes'], queryFn: listRoutes });
  const [editing, setEditing] = useState<RouteView | 'new' | null>(null);
  return (
    <>
      <PageHeader title="Routes" description="The public model names clients ask for: each tries its groups in
        order and spreads traffic among a group's deployments by its strategy. Routes from the configuration file are
        read-only here; stored routes can be added, changed and removed."
        actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>Add route</Button>} />
      {routes.isError && <ErrorAlert error={routes.error} title="Could not load the routes" />}
      {routes.data && routes.data.routes.length === 0 && (
        <EmptyState title="No routes yet">Clients can still call provider/model directly. Add a route with “Add
          route” to give a model a public name with failover.</EmptyState>
      )}
      <Stack>
        {routes.data?.routes.map((r) => <RouteCard key={r.name} route={r} onEdit={() => setEditing(r)} />)}
      </Stack>
      {editing && <RouteEditor route={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function RouteCard({ route: r, onEdit }: { route: RouteView; onEdit: () => void }) {
  const client = useQueryClient();
  const remove = useMutation({ mutationFn: () => deleteRoute(r.name),
    onSuccess: () => client.invalidateQueries({ queryKey: ['routes'] }) });
  const fallback = r.fallback;
  return (
    <Card withBorder radius="md" data-testid={`route-${r.name}`}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <Group gap="xs">
          <Text fw={700} className="mono" fz="md">{r.name}</Text>
          <SourceBadge source={r.source} />
          {r.strategy && <Badge variant="outline">{r.strategy}</Badge>}
          {!r.active && <Badge color="red" variant="light">left out</Badge>}
        </Group>
        {r.source === 'store' ? (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={onEdit} aria-label={`Edit route ${r.name}`}>Edit</Button>
            <Button size="xs" variant="subtle" color="red" loading={remove.isPending}
              aria-label={`Delete route ${r.name}`}
              onClick={() => { if (window.confirm(`Delete the stored route ${r.name}?`)) remove.mutate(); }}>
              Delete</Button>
          </Group>
        ) : <Text size="xs" c="dimmed">{readOnlyText(r.source)}</Text>}
      </Group>
      {r.problems && <ProblemList problems={r.problems} title="Left out of the running configuration:" />}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {(r.aliases?.length ?? 0) > 0 && <Text size="sm" c="dimmed">Aliases: {r.aliases!.join(', ')}</Text>}
      <SimpleGrid cols={{ base: 1, md: Math.min(3, Math.max(1, r.groups?.length ?? 1)) }} mt="xs">
        {r.groups?.map((g, i) => (
          <Card key={g.name} withBorder padding="xs" radius="sm">
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">{i + 1}. {g.name}</Text>
            <Table fz="sm" verticalSpacing={2} aria-label={`Deployments of ${g.name}`}>
              <Table.Thead>
                <Table.Tr><Table.Th>Provider</Table.Th><Table.Th>Model</Table.Th><Table.Th>Weight</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {g.deployments.map((d) => (
                  <Table.Tr key={d.id} title={`id ${d.id}`}>
                    <Table.Td>{d.provider}</Table.Td><Table.Td className="mono">{d.model}</Table.Td>
                    <Table.Td>{d.weight ?? 1}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        ))}
      </SimpleGrid>
      {r.active && (
        <Text size="xs" c="dimmed" mt="xs">
          {/* Without a retry block the gateway allows one attempt per deployment: one pass. */}
          Retry: {(r.retry?.attempts ?? 0) > deploymentCount(r) ? `up to ${r.retry!.attempts} attempts`
            : 'each deployment once'}
          {' · '}Fallback: {[
            ...(fallback?.statuses?.length ? [`statuses ${fallback.statuses.join(', ')}`] : []),
            ...(fallback?.content_policy ? [`content policy → ${fallback.content_policy}`] : []),
            ...(fallback?.context_window ? ['larger context window'] : []),
          ].join(', ') || 'none'}
        </Text>
      )}
    </Card>
  );
}

const deploymentCount = (r: RouteView) => (r.groups ?? []).reduce((n, g) => n + g.deployments.length, 0);

function RouteEditor({ route, onClose }: { route: RouteView | null; onClose: () => void }) {
  const client = useQueryClient();
  const providers = useQuery({ queryKey: ['providers'], queryFn: listProviders });
  const start = route?.definition ? blockToForm(route.definition) : emptyForm();
  const [name, setName] = useState(route?.name ?? '');
  const [form, setForm] = useState<RouteForm>(start);
  const [text, setText] = useState(blockText(formToBlock(start)));
  const [tab, setTab] = useState<string>('form');
  const [problems, setProblems] = useState<string[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const byField = problemsByField(problems, routePrefix(name.trim()));
  const providerNames = (providers.data?.providers ?? []).filter((p) => p.active).map((p) => p.name);

  /** The block being edited: from the JSON tab as typed, or from the form. */
  const current = (): Record<string, unknown> => {
    if (tab === 'json') {
      const parsed = parseBlock(text);
      if ('error' in parsed) throw new Error(parsed.error);
      return parsed.block;
    }
    return formToBlock(form);
  };

  const switchTab = (next: string | null) => {
    if (!next || next === tab) return;
    setFormError(null);
    if (next === 'json') setText(blockText(formToBlock(form)));
    else {
      const parsed = parseBlock(text);
      if ('error' in parsed) {
        setFormError(parsed.error);
        return;
      }
      setForm(blockToForm(parsed.block));
    }
    setTab(next);
  };

  const run = useMutation({
    mutationFn: async (save: boolean) => {
      const block = current();
      const dry = await checkRoute(name.trim(), block);
      if (!dry.valid || !save) return { problems: dry.problems, saved: false };
      await putRoute(name.trim(), block);
      return { problems: [], saved: true };
    },
    onMutate: () => { setFormError(null); setChecked(false); },
    onSuccess: async (r) => {
      setProblems(r.problems);
      setChecked(true);
      if (r.saved) {
        await client.invalidateQueries({ queryKey: ['routes'] });
        onClose();
      }
    },
    onError: (e) => setFormError((e as Error).message),
  });

  /** Messages are about the block that was checked: an edit makes them stale, so they go until the next check. */
  const edited = () => {
    setProblems([]);
    setChecked(false);
  };
  const update = (fn: (f: RouteForm) => void) => {
    edited();
    setForm((prev) => {
      const next = structuredClone(prev);
      fn(next);
      return next;
    });
  };
  const err = (field: string, below: string[] = []) => forField(byField, field, below).join('; ') || undefined;
  const handled = (f: string) => f === 'strategy' || f.startsWith('aliases') || /^groups\[\d+\]\.(deployments\[\d+\]\.)?(provider|model|weight|name|use)$/.test(f);
  const general = tab === 'json' ? problems : [...byField.entries()].filter(([f]) => !handled(f))
    .flatMap(([f, m]) => m.map((x) => (f ? `${f}: ${x}` : x)));

  return (
    <Modal opened onClose={onClose} size="xl" title={route ? `Edit route ${route.name}` : 'Add a route'}>
      <Stack>
        <TextInput label="Route name" required disabled={!!route} value={name}
          description="The model name clients send; may contain / and * (a wildcard route)."
          onChange={(e) => setName(e.currentTarget.value)} />
        <Tabs value={tab} onChange={switchTab}>
          <Tabs.List>
            <Tabs.Tab value="form">Form</Tabs.Tab>
            <Tabs.Tab value="json">JSON block</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="form" pt="sm">
            <Stack>
              <Group grow align="flex-start">
                <Select label="Strategy" value={form.strategy || 'priority'} error={err('strategy')}
                  data={[...STRATEGIES]} allowDeselect={false}
                  onChange={(v) => update((f) => { f.strategy = v === 'priority' ? '' : (v ?? ''); })} />
                <TagsInput label="Aliases" value={form.aliases} error={err('aliases')}
                  placeholder="More public names" onChange={(v) => update((f) => { f.aliases = v; })} />
              </Group>
              {form.groups.map((g, gi) => (
                <Card key={gi} withBorder padding="sm">
                  <Group justify="space-between" mb="xs">
                    <Text size="sm" fw={600}>Group {gi + 1} {gi === 0 ? '(tried first)' : ''}</Text>
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove group ${gi + 1}`}
                      onClick={() => update((f) => { f.groups.splice(gi, 1); })}><IconTrash size={16} /></ActionIcon>
                  </Group>
                  <Group grow mb="xs">
                    <TextInput label="Group name" placeholder={`${name || 'route'}#${gi}`} value={g.name}
                      error={err(`groups[${gi}].name`)}
                      onChange={(e) => { const v = e.currentTarget.value; update((f) => { f.groups[gi].name = v; }); }} />
                    <TextInput label="Shared group (use)" placeholder="none" value={g.use}
                      error={err(`groups[${gi}].use`)}
                      onChange={(e) => { const v = e.currentTarget.value; update((f) => { f.groups[gi].use = v; }); }} />
                  </Group>
                  <ProblemList problems={forField(byField, `groups[${gi}]`, ['name', 'use', 'deployments'])} />
                  {!g.use && g.deployments.map((d, di) => {
                    const path = `groups[${gi}].deployments[${di}]`;
                    return (
                      <Stack key={di} gap={2} mb="xs">
                        <Group grow align="flex-start" wrap="nowrap">
                          <Select label="Provider" data={[...new Set([...providerNames, d.provider].filter(Boolean))]}
                            searchable value={d.provider || null} error={err(`${path}.provider`)}
                            onChange={(v) => update((f) => { f.groups[gi].deployments[di].provider = v ?? ''; })} />
                          <TextInput label="Model" value={d.model} error={err(`${path}.model`)}
                            onChange={(e) => { const v = e.currentTarget.value;
                              update((f) => { f.groups[gi].deployments[di].model = v; }); }} />
                          <TextInput label="Weight" placeholder="1" value={d.weight} maw={110}
                            error={err(`${path}.weight`)}
                            onChange={(e) => { const v = e.currentTarget.value;
                              update((f) => { f.groups[gi].deployments[di].weight = v; }); }} />
                          <ActionIcon mt={26} variant="subtle" color="red" aria-label={`Remove deployment ${di + 1}`}
                            onClick={() => update((f) => { f.groups[gi].deployments.splice(di, 1); })}>
                            <IconTrash size={16} /></ActionIcon>
                        </Group>
                        <ProblemList problems={forField(byField, path, ['provider', 'model', 'weight'])} />
                      </Stack>
                    );
                  })}
                  {!g.use && (
                    <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} w="fit-content"
                      onClick={() => update((f) => { f.groups[gi].deployments.push({ provider: '', model: '',
                        weight: '', extra: {} }); })}>Add deployment</Button>
                  )}
                </Card>
              ))}
              <Button variant="default" size="xs" w="fit-content" leftSection={<IconPlus size={14} />}
                onClick={() => update((f) => { f.groups.push({ name: '', use: '', deployments: [{ provider: '',
                  model: '', weight: '', extra: {} }], extra: {} }); })}>Add group</Button>
              {Object.keys(form.extra).length > 0 && (
                <Text size="xs" c="dimmed">Also kept: {Object.keys(form.extra).join(', ')} (edit in the JSON block).</Text>
              )}
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="json" pt="sm">
            <Textarea label="Route block (JSON)" autosize minRows={10} maxRows={24} value={text} spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
              description="The JSON form of a routes.<name> block of the YAML file: groups (or steps), strategy,
                aliases, retry, fallback, params, timeouts."
              onChange={(e) => { edited(); setText(e.currentTarget.value); }} />
          </Tabs.Panel>
        </Tabs>
        <ProblemList problems={general} title="check-config found these problems:" />
        {checked && problems.length === 0 && !run.isPending && (
          <Text size="sm" c="green" role="status">The block is valid.</Text>
        )}
        {formError && <ErrorAlert error={formError} title="Not saved" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button variant="light" onClick={() => run.mutate(false)} loading={run.isPending && run.variables === false}
            disabled={!name.trim()}>Check</Button>
          <Button onClick={() => run.mutate(true)} loading={run.isPending && run.variables === true}
            disabled={!name.trim()}>Check and save</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
