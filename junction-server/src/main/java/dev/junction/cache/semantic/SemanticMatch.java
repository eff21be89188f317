package dev.junction.cache.semantic;

import dev.junction.cache.CachedAnswer;

/**
 * The nearest stored request's answer and how close it is. Immutable.
 *
 * @param id the entry's identity
 * @param answer its answer
 * @param similarity the cosine similarity of the two requests' texts, -1 to 1
 */
public record SemanticMatch(String id, CachedAnswer answer, double similarity) {
}
