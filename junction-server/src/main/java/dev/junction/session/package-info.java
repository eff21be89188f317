/**
 * Console sessions: a browser signs in with an admin key once and then holds an opaque cookie token instead
 * ({@link dev.junction.session.ConsoleSessions}). The store keeps only the token's digest; a session ends when idle,
 * at its maximum age, on sign-out, or when the admin key it was opened with is removed or rotated. Writes carry a
 * CSRF token derived from the session token under the gateway's secret key.
 */
package dev.junction.session;
