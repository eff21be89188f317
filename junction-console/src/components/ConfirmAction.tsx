import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';

/**
 * A confirmation dialog for an action that cannot be undone (revoke, delete). The action runs on Confirm; its error
 * (the API's message) stays in the dialog, which closes only when the action succeeds.
 */
export function ConfirmAction({ opened, title, children, confirmLabel, onConfirm, onClose }: {
  opened: boolean; title: string; children: ReactNode; confirmLabel: string;
  onConfirm: () => Promise<unknown>; onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <Stack>
        <Text size="sm">{children}</Text>
        {error !== null && <ErrorAlert error={error} title="That did not work" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>Cancel</Button>
          <Button color="red" onClick={confirm} loading={busy}>{confirmLabel}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
