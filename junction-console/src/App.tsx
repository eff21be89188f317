import { Center, Loader } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onSignedOut } from './api/client';
import { currentSession } from './api/session';
import { Shell } from './components/Shell';
import { SignInPage } from './pages/SignInPage';
import { ErrorAlert } from './components/ErrorAlert';

/** Signed in: the shell with the pages; otherwise the sign-in page. */
export function App() {
  const client = useQueryClient();
  const session = useQuery({ queryKey: ['session'], queryFn: currentSession, staleTime: 60_000 });
  useEffect(() => onSignedOut(() => client.setQueryData(['session'], null)), [client]);

  if (session.isPending) {
    return <Center h="100%"><Loader aria-label="Loading" /></Center>;
  }
  if (session.isError) {
    return <Center h="100%"><ErrorAlert error={session.error} /></Center>;
  }
  if (!session.data) {
    return <SignInPage onSignedIn={(s) => client.setQueryData(['session'], s)} />;
  }
  return <Shell session={session.data} />;
}
