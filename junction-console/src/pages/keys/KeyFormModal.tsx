import {
  ActionIcon, Autocomplete, Button, Divider, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, TagsInput,
  Text, TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { BudgetPeriod, IssuedKey, User, VirtualKey } from '../../api/governance';
import { keys } from '../../api/governance';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  EXPIRY_PRESETS, emptyKeyForm, keyCreateBody, keyFormOf, keyPatchBody, type ExpiryPreset, type KeyForm,
} from '../../lib/governance';
import { formatTime } from '../../lib/format';

export const PERIODS: { value: BudgetPeriod; label: string }[] = [
  { value: 'daily', label: 'Daily' }, { value: 'weekly', label: 'Weekly' }, { value: 'monthly', label: 'Monthly' },
  { value: 'total', label: 'Total (never resets)' },
];

/** Every time zone the browser knows, for the budget's period boundaries. */
export const TIME_ZONES: string[] = (() => {
  try {
    return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  } catch {
    return ['UTC'];
  }
})();

/** Why a key name cannot be used, or null: it needs at least one character that is not a space. */
export function keyNameProblem(name: string): string | null {
  return name.trim() ? null : 'Give the key a name, such as laptop or ci: it cannot be empty or only spaces.';
}

/**
 * Creates a key (with its budgets, in the same call) or edits one (a PATCH of the changed fields only).
 * A created key's secret goes straight to `onIssued` and is never kept here or in the query cache.
 */
export function KeyFormModal({ opened, editing, users, defaultUser, onClose, onIssued, onSaved }: {
  opened: boolean; editing: VirtualKey | null; users: User[]; defaultUser?: string | null;
  onClose: () => void; onIssued: (secret: string, key: VirtualKey) => void; onSaved: () => void;
}) {
  const [form, setForm] = useState<KeyForm>(() => editing ? keyFormOf(editing) : emptyKeyForm(defaultUser ?? null));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);
  const set = (patch: Partial<KeyForm>) => setForm((f) => ({ ...f, ...patch }));
  const setBudget = (i: number, patch: Partial<KeyForm['budgets'][number]>) =>
    set({ budgets: form.budgets.map((b, j) => (j === i ? { ...b, ...patch } : b)) });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    // A blank name (spaces count as blank) is refused here, on the field, before any call is made.
    const blank = keyNameProblem(form.name);
    setNameError(blank);
    if (blank) return;
    setBusy(true);
    try {
      if (editing) {
        const body = keyPatchBody(editing, form);
        if (Object.keys(body).length > 0) await keys.update(editing.id, body);
        onSaved();
      } else {
        const issued: IssuedKey = await keys.create(keyCreateBody(form));
        // Split the secret off at once: only the caller's modal state ever holds it.
        const { key: secret, budgets: _budgets, ...rest } = issued;
        onIssued(secret, rest);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const userOptions = users.map((u) => ({ value: u.id, label: u.email ? `${u.name} (${u.email})` : u.name }));
  const expiryOptions = editing
    ? [{ value: 'keep', label: editing.expires_at ? `Keep (${formatTime(editing.expires_at)})` : 'Keep (never)' },
      ...EXPIRY_PRESETS.map((p) => (p.value === 'never' ? { value: 'never', label: 'Never (clear the expiry)' } : p))]
    : EXPIRY_PRESETS;

  return (
    <Modal opened={opened} onClose={onClose} title={editing ? `Edit key ${editing.name}` : 'Create a key'} size="lg">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Select label="User" description="Whose key it is: their limits, models and budgets apply as well"
            data={userOptions} value={form.user_id} onChange={(v) => set({ user_id: v })} searchable
            disabled={!!editing} required nothingFoundMessage="No such user" />
          <TextInput label="Name" description="What the key is for, e.g. laptop or ci" value={form.name}
            onChange={(e) => {
              set({ name: e.currentTarget.value });
              setNameError(null);
            }} error={nameError} withAsterisk />
          <TagsInput label="Allowed models" description="Routes or models the key may use (openai/* allowed); empty for all"
            value={form.allowed_models} onChange={(v) => set({ allowed_models: v })} placeholder="Type and press Enter" />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label="Requests per minute" value={form.rpm} onChange={(v) => set({ rpm: v })} min={1}
              allowDecimal={false} placeholder="No limit" />
            <NumberInput label="Tokens per minute" value={form.tpm} onChange={(v) => set({ tpm: v })} min={1}
              allowDecimal={false} placeholder="No limit" />
            <NumberInput label="Max concurrent" value={form.max_concurrent}
              onChange={(v) => set({ max_concurrent: v })} min={1} allowDecimal={false} placeholder="No limit" />
          </SimpleGrid>
          <Group grow align="flex-start">
            <Select label="Expires" data={expiryOptions} value={form.expiry} allowDeselect={false}
              onChange={(v) => set({ expiry: (v ?? 'never') as ExpiryPreset })} />
            {form.expiry === 'custom' && (
              <TextInput type="datetime-local" label="Expiry date" value={form.expires_custom}
                onChange={(e) => set({ expires_custom: e.currentTarget.value })} required />
            )}
          </Group>
          <TagsInput label="IP allow-list" description="Addresses or CIDR ranges the key may be used from; empty for anywhere"
            value={form.ip_allow} onChange={(v) => set({ ip_allow: v })} placeholder="10.0.0.0/8" />
          <TagsInput label="Tags" value={form.tags} onChange={(v) => set({ tags: v })} placeholder="Type and press Enter" />
          <Switch label="Capture request and response bodies in the request log" checked={form.capture_bodies}
            onChange={(e) => set({ capture_bodies: e.currentTarget.checked })} />
          {!editing && (
            <>
              <Divider label="Budgets" labelPosition="left" />
              {form.budgets.length === 0 && (
                <Text size="sm" c="dimmed">No budget: spending is capped only by the user's, team's and tenant's budgets.</Text>
              )}
              {form.budgets.map((b, i) => (
                <Group key={i} align="flex-end" wrap="nowrap">
                  <NumberInput label="Budget amount (USD)" value={b.amount} min={0} decimalScale={2} prefix="$"
                    onChange={(v) => setBudget(i, { amount: v })} required style={{ flex: 1 }} />
                  <Select label="Budget period" data={PERIODS} value={b.period} allowDeselect={false}
                    onChange={(v) => setBudget(i, { period: (v ?? 'monthly') as BudgetPeriod })} style={{ flex: 1 }} />
                  <Autocomplete label="Budget time zone" data={TIME_ZONES} value={b.time_zone} limit={20}
                    onChange={(v) => setBudget(i, { time_zone: v })} style={{ flex: 1 }} />
                  <ActionIcon variant="subtle" color="red" size="lg" aria-label="Remove this budget"
                    onClick={() => set({ budgets: form.budgets.filter((_, j) => j !== i) })}>
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button variant="light" size="xs" leftSection={<IconPlus size={14} />}
                  onClick={() => set({ budgets: [...form.budgets, { amount: '', period: 'monthly', time_zone: 'UTC' }] })}>
                  Add budget
                </Button>
              </Group>
            </>
          )}
          {error !== null && <ErrorAlert error={error} title={editing ? 'The key was not saved' : 'The key was not created'} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={busy}>{editing ? 'Save' : 'Create key'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
