package dev.junction.analytics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Which rollup row: the bucket (its size and UTC start) and the full dimension tuple, in {@link Dimension} order.
 * Ordered, so every writer upserts a batch's rows in the same order (no deadlocks between replicas).
 *
 * @param granularity the bucket's size
 * @param bucketStart the bucket's start, epoch milliseconds
 * @param dimensions one value per {@link Dimension}, in its order, never null
 * @param dimensionsHash the tuple's {@link #hash}
 */
public record RollupKey(Granularity granularity, long bucketStart, List<String> dimensions, String dimensionsHash)
        implements Comparable<RollupKey> {

    private static final Comparator<RollupKey> ORDER = Comparator.comparing(RollupKey::granularity)
            .thenComparingLong(RollupKey::bucketStart).thenComparing(RollupKey::dimensionsHash);

    /** Checks the tuple. */
    public RollupKey {
        Objects.requireNonNull(granularity, "granularity");
        dimensions = List.copyOf(dimensions);
        if (dimensions.size() != Dimension.values().length) {
            throw new IllegalArgumentException("expected " + Dimension.values().length + " dimensions");
        }
    }

    /** The key of this bucket and tuple. */
    public static RollupKey of(Granularity granularity, long bucketStart, List<String> dimensions) {
        return new RollupKey(granularity, bucketStart, dimensions, hash(dimensions));
    }

    /**
     * The SHA-256 (64 hex digits) of the tuple, the row's key beside the bucket: short enough for every database's
     * unique index whatever the values' lengths. Values are length-prefixed, so no two tuples encode alike.
     */
    public static String hash(List<String> dimensions) {
        StringBuilder encoded = new StringBuilder();
        for (String value : dimensions) {
            encoded.append(value.length()).append(':').append(value);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encoded.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public int compareTo(RollupKey other) {
        return ORDER.compare(this, other);
    }
}
