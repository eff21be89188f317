/**
 * The governance store: one relational database (SQLite, PostgreSQL or MySQL/MariaDB) holding tenants, teams,
 * users, virtual keys, budgets, price overrides, stored providers and routes, the audit trail and the request log.
 * Everything here blocks; callers on an event loop go through {@link dev.junction.store.Database#call}.
 */
package dev.junction.store;
