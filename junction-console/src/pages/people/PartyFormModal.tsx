import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { teams, tenants, users, type Team, type Tenant, type User } from '../../api/governance';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  changedFields, emptyPartyForm, fieldOfMessage, partyCreateBody, partyFields, type PartyForm, type PartyKind,
} from '../../lib/governance';

type Party = Tenant | Team | User;
const API = { tenant: tenants, team: teams, user: users };
const LIMITS = ['rpm', 'tpm', 'max_concurrent', 'allowed_models', 'name'];
const SHOWN: Record<PartyKind, string[]> = { tenant: [...LIMITS, 'markup'], team: [...LIMITS, 'markup', 'tenant_id'],
  user: [...LIMITS, 'email', 'tenant_id', 'team_id'] };
export const KIND_LABEL: Record<PartyKind, string> = { tenant: 'tenant', team: 'team', user: 'user' };

function formOf(kind: PartyKind, p: Party): PartyForm {
  const f = emptyPartyForm();
  f.name = p.name;
  f.rpm = p.rpm ?? '';
  f.tpm = p.tpm ?? '';
  f.max_concurrent = p.max_concurrent ?? '';
  f.allowed_models = p.allowed_models;
  if ('tenant_id' in p) f.tenant_id = p.tenant_id;
  if (kind !== 'user' && 'markup' in p) f.markup = p.markup ?? '';
  if (kind === 'user') {
    const u = p as User;
    f.email = u.email ?? '';
    f.team_id = u.team_id;
  }
  return f;
}

/**
 * Creates or edits a tenant, team or user. An edit sends only the changed fields (null clears one). A validation
 * message of the API that names a field ("'team_id': there is no team …") is shown at that field.
 */
export function PartyFormModal({ kind, editing, allTenants, allTeams, onClose, onSaved }: {
  kind: PartyKind; editing: Party | null; allTenants: Tenant[]; allTeams: Team[];
  onClose: () => void; onSaved: (p: Party) => void;
}) {
  const [form, setForm] = useState<PartyForm>(() => editing ? formOf(kind, editing)
    : { ...emptyPartyForm(), tenant_id: kind === 'tenant' ? null : allTenants[0]?.id ?? null });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<PartyForm>) => setForm((f) => ({ ...f, ...patch }));

  // Only a field this form shows can carry the message; any other goes in the alert under the form.
  const named = error instanceof ApiError ? fieldOfMessage(error.message) : null;
  const fieldError = named && SHOWN[kind].includes(named) ? named : null;
  const at = (field: string) => (fieldError === field ? (error as Error).message : undefined);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const api = API[kind];
      let saved: Party;
      if (editing) {
        const body = changedFields(editing, partyFields(kind, form));
        saved = Object.keys(body).length ? await api.update(editing.id, body) : editing;
      } else {
        saved = await api.create(partyCreateBody(kind, form));
      }
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const teamOptions = allTeams.filter((t) => t.tenant_id === form.tenant_id).map((t) => ({ value: t.id, label: t.name }));
  const label = KIND_LABEL[kind];
  return (
    <Modal opened onClose={onClose} title={editing ? `Edit ${label} ${editing.name}` : `Create a ${label}`} size="lg">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput label="Name" value={form.name} onChange={(e) => set({ name: e.currentTarget.value })} required
            error={at('name')} />
          {kind === 'user' && (
            <TextInput label="Email" type="email" value={form.email} placeholder="Optional"
              onChange={(e) => set({ email: e.currentTarget.value })} error={at('email')} />
          )}
          {kind !== 'tenant' && (
            <Select label="Tenant" data={allTenants.map((t) => ({ value: t.id, label: t.name }))} value={form.tenant_id}
              onChange={(v) => set({ tenant_id: v, team_id: null })} disabled={!!editing} required searchable
              allowDeselect={false} error={at('tenant_id')}
              description={editing ? 'A team or user stays in its tenant' : undefined} />
          )}
          {kind === 'user' && (
            <Select label="Team" data={teamOptions} value={form.team_id} onChange={(v) => set({ team_id: v })}
              clearable placeholder={teamOptions.length ? 'No team' : 'The tenant has no teams'} error={at('team_id')} />
          )}
          {kind !== 'user' && (
            <NumberInput label="Markup" value={form.markup} onChange={(v) => set({ markup: v })} step={0.05}
              decimalScale={4} error={at('markup')}
              description={kind === 'tenant' ? 'Added to the cost of every request, as a fraction: 0.2 is 20 %'
                : "As a fraction (0.2 is 20 %); empty: the tenant's markup applies"} />
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label="Requests per minute" value={form.rpm} onChange={(v) => set({ rpm: v })} min={1}
              allowDecimal={false} placeholder="No limit" error={at('rpm')} />
            <NumberInput label="Tokens per minute" value={form.tpm} onChange={(v) => set({ tpm: v })} min={1}
              allowDecimal={false} placeholder="No limit" error={at('tpm')} />
            <NumberInput label="Max concurrent" value={form.max_concurrent} onChange={(v) => set({ max_concurrent: v })}
              min={1} allowDecimal={false} placeholder="No limit" error={at('max_concurrent')} />
          </SimpleGrid>
          <TagsInput label="Allowed models" value={form.allowed_models} onChange={(v) => set({ allowed_models: v })}
            description="Routes or models allowed (openai/* works); empty for all" placeholder="Type and press Enter"
            error={at('allowed_models')} />
          {error !== null && !fieldError && <ErrorAlert error={error} title={`The ${label} was not saved`} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={busy}>{editing ? 'Save' : `Create ${label}`}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
