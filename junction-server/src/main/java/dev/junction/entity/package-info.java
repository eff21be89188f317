/**
 * The governance records the store keeps and the admin API edits: tenants, teams, users and virtual keys with their
 * limits, model scopes and IP allow-lists; budgets, price overrides and audit entries; and the {@link
 * dev.junction.entity.Attribution} of a request to them. Plain immutable values: no I/O, no dependency on the store,
 * the data plane or configuration.
 */
package dev.junction.entity;
