/**
 * Tenants, teams, users and virtual keys; who may call what, and at whose expense. The data plane reads an in-memory
 * snapshot of them; the store publishes a new snapshot on every change.
 */
package dev.junction.governance;
