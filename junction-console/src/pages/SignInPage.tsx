import { Button, Center, Divider, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { Session } from '../api/session';
import { signIn, signInWithPassword, ssoOffer, type SsoOffer } from '../api/session';
import { ErrorAlert } from '../components/ErrorAlert';

type Mode = 'key' | 'password';

/**
 * Sign-in with an admin key, or as a console user with an e-mail and a password; either is exchanged at once for a
 * session cookie and not kept in the browser. When the gateway has single sign-on configured, a "Sign in with …"
 * button sends the browser to the identity provider; the gateway's callback brings it back signed in.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [mode, setMode] = useState<Mode>('key');
  const [key, setKey] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sso, setSso] = useState<SsoOffer>({ oidc: null });

  useEffect(() => {
    let live = true;
    void ssoOffer().then((offer) => { if (live) setSso(offer); });
    return () => { live = false; };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = mode === 'key' ? await signIn(key) : await signInWithPassword(email, password);
      setKey('');
      setPassword('');
      onSignedIn(session);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const ready = mode === 'key' ? key.trim() !== '' : email.trim() !== '' && password !== '';
  return (
    <Center mih="100%" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={420} component="form" onSubmit={submit}>
        <Stack>
          <div>
            <Title order={2}>Junction</Title>
            <Text c="dimmed" size="sm">Sign in to the console.</Text>
          </div>
          <SegmentedControl value={mode} onChange={(v) => { setMode(v as Mode); setError(null); }}
            aria-label="How to sign in"
            data={[{ value: 'key', label: 'Key' }, { value: 'password', label: 'Console user' }]} />
          {error !== null && <ErrorAlert error={error} title="Could not sign in" />}
          {mode === 'key' ? (
            <PasswordInput label="Admin key" description="JUNCTION_ADMIN_KEY, or one of admin_keys in junction.yaml"
              value={key} onChange={(e) => setKey(e.currentTarget.value)} required autoFocus autoComplete="off"
              name="admin-key" />
          ) : (
            <>
              <TextInput label="E-mail" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)}
                required autoFocus autoComplete="username" name="email" />
              <PasswordInput label="Password" value={password} onChange={(e) => setPassword(e.currentTarget.value)}
                required autoComplete="current-password" name="password" />
            </>
          )}
          <Button type="submit" loading={busy} disabled={!ready}>Sign in</Button>
          {sso.oidc !== null && (
            <>
              <Divider label="or" labelPosition="center" />
              <Button component="a" href={sso.oidc.start_url} variant="default" data-testid="sso-sign-in">
                Sign in with {sso.oidc.display_name}
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
