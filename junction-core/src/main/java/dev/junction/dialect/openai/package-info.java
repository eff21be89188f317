/**
 * OpenAI Chat Completions, as spoken by OpenAI and every OpenAI-compatible server: request and response mappers to
 * and from the canonical model, the stream encoder and decoder, and error rendering. Pure functions and small state
 * machines; no I/O.
 */
package dev.junction.dialect.openai;
