/**
 * Ollama's native API as an upstream: {@code POST /api/chat} (NDJSON streams, sampling under {@code options},
 * {@code format} for structured output, tool-call arguments as objects, base64 {@code images}, {@code thinking})
 * and {@code POST /api/embed}, through the canonical model. No client speaks this dialect; clients reach Ollama
 * from any of theirs.
 */
package dev.junction.dialect.ollama;
