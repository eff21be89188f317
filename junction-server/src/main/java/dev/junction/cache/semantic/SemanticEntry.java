package dev.junction.cache.semantic;

import dev.junction.cache.CacheScope;
import dev.junction.cache.CachedAnswer;
import java.util.Objects;

/**
 * One answer as the semantic index keeps it: found by its vector inside its partition (the scope and the exact-match
 * context: model, tools, system prompt, sampling), served until the answer's own expiry. Immutable.
 *
 * @param id the entry's identity (the exact key's hash of the request that made it): storing it again replaces it
 * @param scope the scope it was made in (to drop a scope's entries)
 * @param partition the scope and exact-match context, hashed; only requests with the same one can find it
 * @param vector the embedding of the request's text, of unit length
 * @param answer the answer, with its expiry
 */
public record SemanticEntry(String id, CacheScope scope, String partition, float[] vector, CachedAnswer answer) {

    public SemanticEntry {
        Objects.requireNonNull(id);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(partition);
        Objects.requireNonNull(answer);
        if (vector.length == 0 || vector.length > WideHnswFormat.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("a vector has 1 to " + WideHnswFormat.MAX_DIMENSIONS
                    + " dimensions, not " + vector.length);
        }
    }

    /** {@code vector} scaled to unit length (the index compares by dot product); all zeros stays as it is. */
    public static float[] normalized(float[] vector) {
        double squares = 0;
        for (float v : vector) {
            squares += (double) v * v;
        }
        float[] out = vector.clone();
        if (squares == 0) {
            return out;
        }
        float norm = (float) Math.sqrt(squares);
        for (int i = 0; i < out.length; i++) {
            out[i] /= norm;
        }
        return out;
    }
}
