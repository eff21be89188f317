/**
 * The admin API ({@code /api/admin/*}): one small resource class per kind of thing (tenants, teams, users, keys,
 * budgets, prices, request log, spend, audit, health), their JSON forms, and the audited write path
 * ({@link dev.junction.admin.AuditedWrites}) that every change, from the API or the CLI, goes through.
 */
package dev.junction.admin;
