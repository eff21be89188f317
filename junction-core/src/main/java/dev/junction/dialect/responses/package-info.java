/**
 * OpenAI's Responses API ({@code POST /v1/responses}), as spoken by OpenAI and Azure OpenAI: request and response
 * mappers to and from the canonical model, the stream encoder and decoder, the pass-through watcher, the provider
 * adapter, and the {@link dev.junction.dialect.responses.ReasoningSeal} contract through which a Responses client
 * keeps other providers' reasoning between turns. Pure functions and small state machines; the adapter is the only
 * class that does I/O.
 */
package dev.junction.dialect.responses;
