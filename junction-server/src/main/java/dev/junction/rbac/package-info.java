/**
 * Who may do what in the admin API: the {@link dev.junction.rbac.Permission} vocabulary (resource × action), roles
 * as named sets of permissions ({@link dev.junction.rbac.DefaultRoles} and stored custom roles), role bindings per
 * tenant, the {@link dev.junction.rbac.Grants} a principal's bindings add up to, and the principals themselves
 * (console users with Argon2id passwords, service accounts with admin API tokens). Plain values and pure functions:
 * no I/O, no dependency on the store or the admin API.
 */
package dev.junction.rbac;
