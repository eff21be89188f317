/**
 * The OpenAI-dialect client surface: {@code POST /v1/chat/completions} and {@code GET /v1/models}. Decodes the
 * client's request, runs its route, and writes the reply: byte-for-byte when the upstream speaks OpenAI too (the
 * fast path), encoded from canonical events otherwise.
 */
package dev.junction.endpoint.openai;
