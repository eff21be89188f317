import {
  Badge, Button, Group, Modal, PasswordInput, Select, Stack, Table, TagsInput, Text, Textarea, TextInput, VisuallyHidden,
} from '@mantine/core';
import { IconPlugConnected, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  checkProvider, deleteProvider, listProviders, putProvider, testProvider, type ConnectionTest, type ProviderView,
} from '../../api/configure';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatMillis } from '../../lib/format';
import { forField, problemsByField, providerPrefix } from '../../lib/problems';
import { MASK } from '../../lib/settings';
import { ProblemList, readOnlyText, SourceBadge } from '../configure/common';

const DIALECTS = [
  { value: '', label: 'The preset’s (default)' }, { value: 'openai', label: 'openai (Chat Completions)' },
  { value: 'openai-responses', label: 'openai-responses' }, { value: 'anthropic', label: 'anthropic' },
  { value: 'gemini', label: 'gemini' },
];

/** Every provider the gateway runs: the file's and environment's read-only, stored ones editable. */
export default function ProvidersPage() {
  const providers = useQuery({ queryKey: ['providers'], queryFn: listProviders });
  const [editing, setEditing] = useState<ProviderView | 'new' | null>(null);

  return (
    <>
      <PageHeader title="Providers" description="The upstreams the gateway sends requests to. Providers from the
        configuration file or the environment are read-only here; stored providers can be added, changed and removed."
        actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>Add provider</Button>} />
      {providers.isError && <ErrorAlert error={providers.error} title="Could not load the providers" />}
      {providers.data && providers.data.providers.length === 0 && (
        <EmptyState title="No providers">Add a provider with “Add provider”, or declare one under providers: in the
          configuration file.</EmptyState>
      )}
      {providers.data && providers.data.providers.length > 0 && (
        <ProviderTable providers={providers.data.providers} onEdit={setEditing} />
      )}
      {editing && <ProviderEditor provider={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ProviderTable({ providers, onEdit }: { providers: ProviderView[]; onEdit: (p: ProviderView) => void }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Providers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th><Table.Th>Source</Table.Th><Table.Th>Dialect</Table.Th>
            <Table.Th>Base URL</Table.Th><Table.Th>Models</Table.Th><Table.Th>API key</Table.Th>
            <Table.Th>Connection</Table.Th><Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {providers.map((p) => <ProviderRow key={p.name} provider={p} onEdit={() => onEdit(p)} />)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ProviderRow({ provider: p, onEdit }: { provider: ProviderView; onEdit: () => void }) {
  const client = useQueryClient();
  const [result, setResult] = useState<ConnectionTest | null>(null);
  const test = useMutation({ mutationFn: () => testProvider(p.name), onSuccess: setResult,
    onMutate: () => setResult(null) });
  const remove = useMutation({ mutationFn: () => deleteProvider(p.name),
    onSuccess: () => client.invalidateQueries({ queryKey: ['providers'] }) });
  const models = p.models ?? [];
  return (
    <Table.Tr data-testid={`provider-${p.name}`}>
      <Table.Td>
        <Text fw={600}>{p.name}</Text>
        {!p.active && <Badge color="red" variant="light" size="sm">left out</Badge>}
        {p.problems && <ProblemList problems={p.problems} />}
      </Table.Td>
      <Table.Td><SourceBadge source={p.source} /></Table.Td>
      <Table.Td>{p.dialect ?? '—'}</Table.Td>
      <Table.Td><Text size="sm" className="mono" style={{ wordBreak: 'break-all' }}>{p.base_url ?? '—'}</Text></Table.Td>
      <Table.Td>
        <Text size="sm" title={models.join(', ')}>
          {models.length === 0 ? 'any' : models.slice(0, 3).join(', ') + (models.length > 3 ? ` +${models.length - 3}` : '')}
        </Text>
      </Table.Td>
      <Table.Td><Badge variant="dot" color={p.api_key === 'set' ? 'green' : 'gray'} style={{ minWidth: 'max-content' }}>{p.api_key}</Badge></Table.Td>
      <Table.Td maw={340}>
        {p.active && (
          <Stack gap={4}>
            <Button size="xs" variant="default" leftSection={<IconPlugConnected size={14} />} loading={test.isPending}
              onClick={() => test.mutate()} aria-label={`Test connection to ${p.name}`}>Test connection</Button>
            {test.isError && <ErrorAlert error={test.error} title="The test could not run" />}
            {result && <TestResult result={result} />}
          </Stack>
        )}
      </Table.Td>
      <Table.Td>
        {p.source === 'store' ? (
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="light" onClick={onEdit} aria-label={`Edit ${p.name}`}>Edit</Button>
            <Button size="xs" variant="subtle" color="red" loading={remove.isPending} aria-label={`Delete ${p.name}`}
              onClick={() => { if (window.confirm(`Delete the stored provider ${p.name}?`)) remove.mutate(); }}>
              Delete</Button>
          </Group>
        ) : <Text size="xs" c="dimmed" maw={160}>{readOnlyText(p.source)}</Text>}
        {remove.isError && <ErrorAlert error={remove.error} />}
      </Table.Td>
    </Table.Tr>
  );
}

function TestResult({ result }: { result: ConnectionTest }) {
  if (result.ok) {
    return (
      <Text size="sm" c="green" data-testid="test-result" role="status">
        ok · {formatMillis(result.latency_ms)} · {result.model} answered HTTP {result.upstream_status}
      </Text>
    );
  }
  return (
    <Text size="sm" c="red" data-testid="test-result" role="status">
      failed after {formatMillis(result.latency_ms)}{result.upstream_status ? ` (HTTP ${result.upstream_status})` : ''}:
      {' '}{result.error}
    </Text>
  );
}

interface EditorState {
  name: string;
  preset: string;
  base_url: string;
  dialect: string;
  auth: string;
  models: string[];
  apiKey: string;
  /** The definition's other keys (headers, params, timeouts, model_patterns, tls) as JSON. */
  other: string;
}

const EDITED = ['preset', 'base_url', 'dialect', 'auth', 'models'];

function initial(p: ProviderView | null): EditorState {
  const d = (p?.definition ?? {}) as Record<string, unknown>;
  const other: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) if (!EDITED.includes(k)) other[k] = v;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return { name: p?.name ?? '', preset: str(d.preset), base_url: str(d.base_url), dialect: str(d.dialect),
    auth: str(d.auth), models: Array.isArray(d.models) ? d.models.map(String) : [], apiKey: '',
    other: Object.keys(other).length ? JSON.stringify(other, null, 2) : '' };
}

/** The definition the form makes, or why it cannot be sent. */
function definitionOf(s: EditorState): { definition: Record<string, unknown> } | { error: string } {
  let other: Record<string, unknown> = {};
  if (s.other.trim()) {
    try {
      other = JSON.parse(s.other);
    } catch (e) {
      return { error: `Other settings: not valid JSON (${(e as Error).message}).` };
    }
    if (typeof other !== 'object' || other === null || Array.isArray(other)) {
      return { error: 'Other settings must be a JSON object, such as {"headers": {"X-Team": "search"}}.' };
    }
  }
  const headers = other.headers as Record<string, unknown> | undefined;
  if (headers && Object.values(headers).some((v) => v === MASK)) {
    return { error: 'Header values are never shown (they read ***): type each header value again before saving.' };
  }
  const d: Record<string, unknown> = { ...other };
  if (s.preset.trim()) d.preset = s.preset.trim();
  if (s.base_url.trim()) d.base_url = s.base_url.trim();
  if (s.dialect) d.dialect = s.dialect;
  if (s.auth.trim()) d.auth = s.auth.trim();
  if (s.models.length) d.models = s.models;
  return { definition: d };
}

function ProviderEditor({ provider, onClose }: { provider: ProviderView | null; onClose: () => void }) {
  const client = useQueryClient();
  const [s, setS] = useState<EditorState>(() => initial(provider));
  const [problems, setProblems] = useState<string[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const set = (patch: Partial<EditorState>) => setS((prev) => ({ ...prev, ...patch }));
  const name = s.name.trim();
  const byField = problemsByField(problems, providerPrefix(name));

  const save = useMutation({
    mutationFn: async () => {
      const made = definitionOf(s);
      if ('error' in made) throw new Error(made.error);
      // Checked first, as check-config would: the problems show next to the fields and nothing is stored.
      const dry = await checkProvider(name, made.definition);
      if (!dry.valid) return dry.problems;
      const body = s.apiKey ? { ...made.definition, api_key: s.apiKey } : made.definition;
      await putProvider(name, body);
      return [];
    },
    onMutate: () => { setProblems([]); setFormError(null); },
    onSuccess: async (found) => {
      if (found.length) {
        setProblems(found);
        return;
      }
      await client.invalidateQueries({ queryKey: ['providers'] });
      onClose();
    },
    onError: (e) => setFormError((e as Error).message),
  });

  const fieldError = (f: string) => forField(byField, f).join('; ') || undefined;
  const general = [...(byField.get('') ?? []), ...[...byField.entries()]
    .filter(([f]) => f && !EDITED.includes(f.split(/[.[]/)[0]))
    .flatMap(([f, m]) => m.map((x) => `${f}: ${x}`))];

  return (
    <Modal opened onClose={onClose} size="lg" title={provider ? `Edit provider ${provider.name}` : 'Add a provider'}>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Stack>
          <TextInput label="Name" required disabled={!!provider} value={s.name}
            description="Used in routes (provider: name) and in provider/model names."
            onChange={(e) => set({ name: e.currentTarget.value })} />
          <TextInput label="Preset" placeholder="openai, anthropic, vllm…" value={s.preset}
            description="Optional: start from a catalog preset (base URL, auth, models)." error={fieldError('preset')}
            onChange={(e) => set({ preset: e.currentTarget.value })} />
          <TextInput label="Base URL" placeholder="http://10.0.0.5:8000/v1" value={s.base_url}
            error={fieldError('base_url')} onChange={(e) => set({ base_url: e.currentTarget.value })} />
          <Group grow>
            <Select label="Dialect" data={DIALECTS} value={s.dialect} allowDeselect={false}
              error={fieldError('dialect')} onChange={(v) => set({ dialect: v ?? '' })} />
            <TextInput label="Auth" placeholder="bearer | none | header:<name>" value={s.auth}
              error={fieldError('auth')} onChange={(e) => set({ auth: e.currentTarget.value })} />
          </Group>
          <TagsInput label="Models" placeholder="Type a model and press Enter" value={s.models}
            error={fieldError('models')} onChange={(v) => set({ models: v })} />
          <PasswordInput label="API key" value={s.apiKey} autoComplete="new-password"
            description={provider?.api_key === 'set'
              ? 'A key is stored. Leave empty to keep it; type a new one to replace it. It is never shown.'
              : 'Optional. Sealed in the store with the gateway’s secret key; never shown again.'}
            onChange={(e) => set({ apiKey: e.currentTarget.value })} />
          <Textarea label="Other settings (JSON)" autosize minRows={3} maxRows={12} spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            placeholder='{"headers": {"X-Team": "search"}, "timeouts": {"first_byte": "30s"}}' value={s.other}
            description="headers, params, timeouts, model_patterns, tls: as in the YAML block."
            onChange={(e) => set({ other: e.currentTarget.value })} />
          <ProblemList problems={general} title="The gateway found these problems (as check-config reports them):" />
          {formError && <ErrorAlert error={formError} title="Not saved" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={save.isPending} disabled={!name}>Check and save</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
