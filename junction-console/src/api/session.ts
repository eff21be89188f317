import { api, ApiError, setCsrfToken } from './client';

/** Where a permission reaches: every tenant ("*"), or these tenants' ids. */
export type Reach = '*' | string[];

export interface Session {
  actor: string;
  /** The console user signed in; null for a session of an admin key (the owner). */
  principal: { id: string; kind: string; name: string; email: string | null } | null;
  /** Every permission the session holds (`keys:write`, …), with its reach. */
  permissions: Record<string, Reach>;
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

/** Single sign-on as the gateway offers it: null when it is not configured. */
export interface SsoOffer {
  oidc: { display_name: string; start_url: string } | null;
}

/** Whether the gateway offers single sign-on (asked before signing in; no credentials needed). */
export async function ssoOffer(): Promise<SsoOffer> {
  try {
    return await api.get<SsoOffer>('/sso');
  } catch {
    return { oidc: null };
  }
}

/** Exchanges an admin key for a session cookie; the key itself is not kept anywhere in the browser. */
export async function signIn(key: string): Promise<Session> {
  const session = await api.post<Session>('/session', { key });
  setCsrfToken(session.csrf_token);
  return session;
}

/** Signs a console user in with an e-mail and a password; neither is kept in the browser. */
export async function signInWithPassword(email: string, password: string): Promise<Session> {
  const session = await api.post<Session>('/session', { email, password });
  setCsrfToken(session.csrf_token);
  return session;
}

/** Whether the session holds a permission somewhere (an admin key's session holds them all). */
export function can(session: Session, permission: string): boolean {
  const reach = session.permissions?.[permission];
  return reach === '*' || (Array.isArray(reach) && reach.length > 0);
}

/** Whether the session holds a permission in every tenant (what instance settings need). */
export function canEverywhere(session: Session, permission: string): boolean {
  return session.permissions?.[permission] === '*';
}

export async function signOut(): Promise<void> {
  try {
    await api.delete('/session');
  } finally {
    setCsrfToken(null);
  }
}
