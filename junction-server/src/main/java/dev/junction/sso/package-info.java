/**
 * Single sign-on for the console: the gateway as an OpenID Connect relying party (authorization code with PKCE,
 * {@link dev.junction.sso.OidcClient}), the sign-in in flight in a signed cookie ({@link dev.junction.sso.LoginState})
 * and the mapping of the ID token's groups to role bindings ({@link dev.junction.sso.GroupMapping}). The admin API's
 * {@code SsoResource} puts them together with the console sessions.
 */
package dev.junction.sso;
