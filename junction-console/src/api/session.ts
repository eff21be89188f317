import { api, ApiError, setCsrfToken } from './client';

export interface Session {
  actor: string;
  csrf_token: string;
  created_at: string;
  idle_expires_at: string;
  expires_at: string;
  idle_timeout_seconds: number;
}

/** The current session, or null when the browser is not signed in. */
export async function currentSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/session');
    setCsrfToken(session.csrf_token);
    return session;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

/** Exchanges an admin key for a session cookie; the key itself is not kept anywhere in the browser. */
export async function signIn(key: string): Promise<Session> {
  const session = await api.post<Session>('/session', { key });
  setCsrfToken(session.csrf_token);
  return session;
}

export async function signOut(): Promise<void> {
  try {
    await api.delete('/session');
  } finally {
    setCsrfToken(null);
  }
}
