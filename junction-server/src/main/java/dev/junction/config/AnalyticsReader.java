package dev.junction.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads the `analytics:` section into {@link AnalyticsSettings}. A retention is a duration ({@code 30d},
 * {@code 12h}) or {@code forever}.
 */
final class AnalyticsReader {

    private static final Set<String> KEYS = Set.of("request_log_retention", "rollup_retention",
            "retention_interval", "delete_batch_size");
    private static final Set<String> ROLLUP_KEYS = Set.of("minute", "hour", "day");
    private static final String FOREVER = "forever";

    private final Function<String, Optional<String>> env;
    private final Problems problems;

    AnalyticsReader(Function<String, Optional<String>> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** @param node the section, null when absent */
    AnalyticsSettings read(JsonNode node) {
        if (!problems.isMapping(node, "analytics")) {
            return AnalyticsSettings.DEFAULT;
        }
        String path = "analytics";
        problems.onlyKeys(node, path, KEYS);
        AnalyticsSettings d = AnalyticsSettings.DEFAULT;
        JsonNode rollups = node.get("rollup_retention");
        String rollupPath = path + ".rollup_retention";
        boolean hasRollups = problems.isMapping(rollups, rollupPath);
        if (hasRollups) {
            problems.onlyKeys(rollups, rollupPath, ROLLUP_KEYS);
        }
        return new AnalyticsSettings(retention(node, "request_log_retention", path, d.requestLogRetention()),
                hasRollups ? retention(rollups, "minute", rollupPath, d.minuteRollupRetention())
                        : d.minuteRollupRetention(),
                hasRollups ? retention(rollups, "hour", rollupPath, d.hourRollupRetention()) : d.hourRollupRetention(),
                hasRollups ? retention(rollups, "day", rollupPath, d.dayRollupRetention()) : d.dayRollupRetention(),
                problems.duration(node, "retention_interval", path).filter(i -> !i.isZero())
                        .orElse(d.retentionInterval()),
                problems.integer(node, "delete_batch_size", path, 1, 1_000_000).orElse(d.deleteBatchSize()));
    }

    private Optional<Duration> retention(JsonNode node, String field, String path, Optional<Duration> fallback) {
        if (problems.string(node, field, path).filter(FOREVER::equals).isPresent()) {
            return Optional.empty();
        }
        return problems.duration(node, field, path).filter(d -> !d.isZero()).or(() -> fallback);
    }
}
