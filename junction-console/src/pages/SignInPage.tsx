import { Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Session } from '../api/session';
import { signIn } from '../api/session';
import { ErrorAlert } from '../components/ErrorAlert';

/** Sign-in with an admin key, exchanged at once for a session cookie; the key is not kept in the browser. */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await signIn(key);
      setKey('');
      onSignedIn(session);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100%" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={420} component="form" onSubmit={submit}>
        <Stack>
          <div>
            <Title order={2}>Junction</Title>
            <Text c="dimmed" size="sm">Sign in to the console with an admin key.</Text>
          </div>
          {error !== null && <ErrorAlert error={error} title="Could not sign in" />}
          <PasswordInput label="Admin key" description="JUNCTION_ADMIN_KEY, or one of admin_keys in junction.yaml"
            value={key} onChange={(e) => setKey(e.currentTarget.value)} required autoFocus autoComplete="off"
            name="admin-key" />
          <Button type="submit" loading={busy} disabled={!key.trim()}>Sign in</Button>
        </Stack>
      </Paper>
    </Center>
  );
}
