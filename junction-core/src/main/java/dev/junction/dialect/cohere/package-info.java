/**
 * Cohere's v2 API as an upstream: {@code POST /v2/chat} (SSE streams with named events, {@code tool_plan},
 * documents and citations) and {@code POST /v2/embed}, through the canonical model. No client speaks this dialect.
 */
package dev.junction.dialect.cohere;
