import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

/**
 * The one time a key's secret is shown. The secret lives only in the caller's state while this is open; closing
 * it forgets the secret (the gateway keeps only a hash, so nobody can show it again).
 */
export function SecretModal({ secret, keyName, onClose }: { secret: string | null; keyName: string;
  onClose: () => void }) {
  return (
    <Modal opened={secret !== null} onClose={onClose} title={`Key "${keyName}" created`} centered size="lg"
      closeOnClickOutside={false}>
      {secret !== null && (
        <Stack>
          <Alert color="yellow" icon={<IconAlertTriangle />} title="Copy the key now">
            This is the only time the key is shown. The gateway keeps only a hash of it: once you close this dialog
            nobody can show it again. If it is lost, revoke it and create a new one.
          </Alert>
          <Text size="sm" fw={600} id="new-key-label">The new key</Text>
          <Code block data-testid="new-key-secret" aria-labelledby="new-key-label"
            style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: 14 }}>{secret}</Code>
          <Group justify="space-between">
            <CopyButton value={secret} timeout={2000}>
              {({ copied, copy }) => (
                <Button onClick={copy} color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}>
                  {copied ? 'Copied' : 'Copy key'}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={onClose}>I have stored the key, close</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
