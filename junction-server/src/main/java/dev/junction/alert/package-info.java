/**
 * Alerts: rules over the event bus and polled states (upstream failures, refused keys, 429 pressure, open circuits,
 * budgets, the request log, the stores), deduplicated incidents with a cool-down, and delivery off the request path
 * with retries and a dead-letter count. Channels and their formats are in {@code alert.channel}.
 */
package dev.junction.alert;
