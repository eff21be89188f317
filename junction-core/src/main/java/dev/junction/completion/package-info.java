/**
 * Legacy text completions ({@code /v1/completions}), for OpenAI-compatible servers (vLLM, llama.cpp, …): the
 * validated request ({@link dev.junction.completion.CompletionRequest}), the adapter contract and its answer, a
 * whole body or the upstream's events passed through.
 */
package dev.junction.completion;
