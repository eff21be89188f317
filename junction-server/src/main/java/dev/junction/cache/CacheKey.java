package dev.junction.cache;

/**
 * The key of one entry: the SHA-256 over the canonical request and its scope ({@link RequestFingerprint}), in hex,
 * with the scope kept beside it so that a scope's entries can be found and dropped. Immutable.
 *
 * @param hash 64 hex digits
 * @param scope the scope it was made in
 */
public record CacheKey(String hash, CacheScope scope) {

    /** The first 12 hex digits, for {@code X-Cache-Key}: enough to tell entries apart when debugging. */
    public String shortHash() {
        return hash.substring(0, 12);
    }
}
