// The one way the console talks to the gateway: the public admin API under /api/admin, with the session cookie
// (sent by the browser, never readable by scripts) and, on every write, the session's CSRF token.

/** An error answer of the admin API: {"error": {"type", "message"}}, shown to the user as the API worded it. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;

  constructor(status: number, type: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.type = type;
  }
}

let csrfToken: string | null = null;
const signedOutListeners = new Set<() => void>();

/** Remembers the session's CSRF token (from the sign-in or GET /session answer). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header a write outside `call` needs (a streamed playground request reads its body itself). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** Tells the app the session is over (a 401 seen outside `call`). */
export function signedOut(): void {
  signedOutListeners.forEach((l) => l());
}

/** Called when any call finds the session over (401), so the app can show the sign-in page. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | null | undefined | string[]>;

/** A query string of the defined values; arrays are joined by commas (as group_by wants). */
export function queryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(name, value.join(','));
    } else {
      params.set(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the admin API; throws ApiError for an error answer, with the API's own message. */
export async function call<T>(method: string, path: string, options: { query?: Query; body?: unknown } = {}):
    Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/admin${path}${queryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', `The gateway could not be reached (${(e as Error).message}).`);
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!response.ok) {
    const error = (body as { error?: { type?: string; message?: string } } | undefined)?.error;
    const failure = new ApiError(response.status, error?.type ?? `http_${response.status}`,
      error?.message ?? `The gateway answered ${response.status}.`);
    if (response.status === 401 && path !== '/session') signedOutListeners.forEach((l) => l());
    throw failure;
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

export const api = {
  get: async <T>(path: string, query?: Query) => (await call<T>('GET', path, { query })).body,
  post: async <T>(path: string, body?: unknown) => (await call<T>('POST', path, { body })).body,
  patch: async <T>(path: string, body: unknown) => (await call<T>('PATCH', path, { body })).body,
  put: async <T>(path: string, body: unknown) => (await call<T>('PUT', path, { body })).body,
  delete: async <T>(path: string) => (await call<T>('DELETE', path)).body,
};
