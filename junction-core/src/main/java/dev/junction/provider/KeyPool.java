package dev.junction.provider;

import dev.junction.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The keys of a provider configured with several ({@code api_keys:}): the route executor spreads attempts over them
 * by weight, rests a key the upstream rate-limited and sets aside one it refused, while the others go on serving.
 * Immutable.
 *
 * @param keys the keys, in configuration order; empty for a provider with one key or none
 * @param restFor how long a key rests after a 429 that named no wait ({@code Retry-After})
 * @param disableFor how long a key the upstream refused (401, 403) stays out before it is tried again
 */
public record KeyPool(List<PooledKey> keys, Duration restFor, Duration disableFor) {

    /** The rest after a 429 without {@code Retry-After}. */
    public static final Duration DEFAULT_REST = Duration.ofSeconds(30);
    /** The time a refused key stays out. */
    public static final Duration DEFAULT_DISABLE = Duration.ofMinutes(10);
    /** No pool: the provider's single key, if any, is always sent. */
    public static final KeyPool NONE = new KeyPool(List.of(), DEFAULT_REST, DEFAULT_DISABLE);

    /** @throws IllegalArgumentException when two keys share a name or a secret, or a duration is not positive */
    public KeyPool {
        keys = List.copyOf(keys);
        Objects.requireNonNull(restFor, "restFor");
        Objects.requireNonNull(disableFor, "disableFor");
        if (restFor.isNegative() || restFor.isZero() || disableFor.isNegative() || disableFor.isZero()) {
            throw new IllegalArgumentException("key pool durations must be positive");
        }
        Set<String> names = new HashSet<>();
        Set<String> fingerprints = new HashSet<>();
        for (PooledKey key : keys) {
            if (!names.add(key.name())) {
                throw new IllegalArgumentException("two keys are named '" + key.name() + "'");
            }
            if (!fingerprints.add(key.fingerprint())) {
                throw new IllegalArgumentException("the key '" + key.name() + "' is listed twice");
            }
        }
    }

    /** Whether there is a choice to make: two keys or more. */
    public boolean pooled() {
        return keys.size() > 1;
    }

    /**
     * One key of a pool.
     *
     * @param name what logs, metrics and the admin API call it ({@code key-1}, … unless configured); never the key
     * @param secret the key
     * @param weight its share of the attempts, relative to the others' (at least 1)
     * @param fingerprint a digest that tells keys apart across configuration reloads without revealing them: a key
     *     that stays in the pool keeps its state (resting, refused) when others are added or removed
     */
    public record PooledKey(String name, Secret secret, int weight, String fingerprint) {

        /** @throws IllegalArgumentException when the weight is below 1 or the name is blank */
        public PooledKey {
            Objects.requireNonNull(secret, "secret");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a pooled key needs a name");
            }
            if (weight < 1) {
                throw new IllegalArgumentException("the key '" + name + "' needs a weight of at least 1, got " + weight);
            }
        }

        /** A key with its fingerprint computed from the secret. */
        public PooledKey(String name, Secret secret, int weight) {
            this(name, secret, weight, fingerprintOf(secret));
        }

        /** The first 12 bytes of the key's SHA-256, in hex: enough to tell keys apart, useless to recover one. */
        static String fingerprintOf(Secret secret) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(secret.reveal().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 12);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from the JDK", e);
            }
        }

        @Override
        public String toString() {
            return "PooledKey[" + name + ", weight " + weight + "]";
        }
    }
}
