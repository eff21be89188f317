/**
 * The built-in {@code mock} provider: deterministic answers produced in-process, so a newcomer sees the gateway
 * work with no key and tests and docs have a stable upstream.
 */
package dev.junction.mock;
