import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/governance';
import { KeyFormModal, keyNameProblem } from './KeyFormModal';

const user = { id: 'usr_1', name: 'Ada', email: 'ada@example.com' } as never;

function open(onIssued = vi.fn()) {
  render(
    <MantineProvider>
      <KeyFormModal opened editing={null} users={[user]} defaultUser="usr_1" onClose={() => {}}
        onIssued={onIssued} onSaved={() => {}} />
    </MantineProvider>,
  );
  return onIssued;
}

// The whole modal (Mantine selects, tags inputs, number inputs) renders slowly in jsdom on a loaded machine: the
// budget is generous so that only a real failure fails.
describe('KeyFormModal', { timeout: 30_000 }, () => {
  beforeEach(() => vi.restoreAllMocks());

  it('refuses a name of only spaces on the field itself, without calling the API', () => {
    const create = vi.spyOn(keys, 'create');
    const onIssued = open();
    fireEvent.change(screen.getByRole('textbox', { name: /^Name/ }), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(screen.getByText(/Give the key a name, such as laptop or ci/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(create).not.toHaveBeenCalled();
    expect(onIssued).not.toHaveBeenCalled();
  });

  it('clears the message once a name is typed, and creates the key with the trimmed name', async () => {
    const create = vi.spyOn(keys, 'create').mockResolvedValue(
      { id: 'key_1', name: 'ci', key: 'jk-secret', budgets: [] } as never);
    const onIssued = open();
    const name = screen.getByRole('textbox', { name: /^Name/ });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(screen.getByText(/Give the key a name/)).toBeInTheDocument();
    fireEvent.change(name, { target: { value: '  ci ' } });
    expect(screen.queryByText(/Give the key a name/)).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    await vi.waitFor(() => expect(onIssued).toHaveBeenCalled(), { timeout: 20_000 });
    expect(create.mock.calls[0][0]).toMatchObject({ name: 'ci' });
    expect(onIssued.mock.calls[0][0]).toBe('jk-secret');
  });

  it('names the problem for empty and blank names only', () => {
    expect(keyNameProblem('')).toMatch(/cannot be empty/);
    expect(keyNameProblem(' \t ')).toMatch(/cannot be empty/);
    expect(keyNameProblem('laptop')).toBeNull();
  });
});
