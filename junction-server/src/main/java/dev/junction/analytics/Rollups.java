package dev.junction.analytics;

import dev.junction.observe.LoggedAttempt;
import dev.junction.observe.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Folds a batch of finished requests into rollup rows: one per granularity, bucket and full dimension tuple the
 * batch touches, in {@link RollupKey} order. A batch of n requests gives at most 3n rows, usually far fewer; a
 * request that fell back also counts a fallback caused on the row of each deployment it left (same dimensions,
 * that deployment and its provider).
 */
public final class Rollups {

    private Rollups() {}

    /** The batch's rows, keyed and ordered. */
    public static SortedMap<RollupKey, RollupFigures> of(List<LoggedRequest> batch) {
        SortedMap<RollupKey, RollupFigures> rows = new TreeMap<>();
        for (LoggedRequest request : batch) {
            List<String> dims = new ArrayList<>(Dimension.values().length);
            for (Dimension d : Dimension.values()) {
                dims.add(d.of(request));
            }
            String hash = RollupKey.hash(dims);
            long at = request.startedAt().toEpochMilli();
            for (Granularity g : Granularity.values()) {
                rows.computeIfAbsent(new RollupKey(g, g.bucketStart(at), dims, hash), k -> new RollupFigures())
                        .add(request);
            }
            List<LoggedAttempt> attempts = request.attemptLog();
            for (int i = 1; i < attempts.size(); i++) {
                if (attempts.get(i).kind().equals("fallback")) {
                    causedBy(rows, dims, attempts.get(i - 1), at);
                }
            }
        }
        return rows;
    }

    private static void causedBy(SortedMap<RollupKey, RollupFigures> rows, List<String> dims, LoggedAttempt left,
                                 long at) {
        List<String> leftDims = new ArrayList<>(dims);
        leftDims.set(Dimension.PROVIDER.ordinal(), left.provider());
        leftDims.set(Dimension.DEPLOYMENT.ordinal(), left.deployment());
        String hash = RollupKey.hash(leftDims);
        for (Granularity g : Granularity.values()) {
            rows.computeIfAbsent(new RollupKey(g, g.bucketStart(at), leftDims, hash), k -> new RollupFigures())
                    .addFallbackCaused();
        }
    }
}
