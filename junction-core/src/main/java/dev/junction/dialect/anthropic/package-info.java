/**
 * Anthropic Messages ({@code POST /v1/messages}, {@code anthropic-version} 2023-06-01 and 2026-10-21): request and
 * response mappers to and from the canonical model, the stream encoder and decoder, the fast-path watcher, error
 * rendering and classification, and the provider adapter. Everything but the adapter is pure functions and small
 * state machines without I/O.
 */
package dev.junction.dialect.anthropic;
