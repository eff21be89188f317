/**
 * Rerank: the canonical records of ordering documents by their relevance to a query
 * ({@link dev.junction.rerank.RerankRequest}, {@link dev.junction.rerank.RerankResponse}), the contract of an
 * upstream that does it ({@link dev.junction.rerank.RerankAdapter}), and the wire shapes of the upstreams that do
 * ({@link dev.junction.rerank.RerankApi}: Cohere, Jina and the servers that copy it, Voyage, Hugging Face TEI).
 */
package dev.junction.rerank;
