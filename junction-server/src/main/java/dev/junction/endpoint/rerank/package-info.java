/**
 * {@code POST /v1/rerank} in the Cohere v2 / Jina shape: the handler that decodes a request, the client-side JSON
 * both ways, and the {@code Operation} that routes it with failover to the deployments that serve {@code rerank},
 * priced per search unit or by tokens.
 */
package dev.junction.endpoint.rerank;
