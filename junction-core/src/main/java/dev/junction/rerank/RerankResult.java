package dev.junction.rerank;

/**
 * One ranked document.
 *
 * @param index its position in the request's documents
 * @param relevanceScore how relevant it is to the query (higher is more; the scale is the model's)
 */
public record RerankResult(int index, double relevanceScore) {
}
