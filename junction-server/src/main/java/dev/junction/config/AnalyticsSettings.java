package dev.junction.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of usage rollups and retention (`analytics:`). Immutable. An empty retention keeps rows for ever.
 *
 * @param requestLogRetention how long raw request-log entries are kept ({@code request_log_retention}; by default for
 *     ever). Spend reports and budgets read the rollups, and the log only where the rollups do not reach
 *     ({@code store.SpendSummary})
 * @param minuteRollupRetention how long minute rollups are kept ({@code rollup_retention.minute}, 7 days)
 * @param hourRollupRetention how long hour rollups are kept ({@code rollup_retention.hour}, 90 days)
 * @param dayRollupRetention how long day rollups are kept ({@code rollup_retention.day}, 730 days)
 * @param retentionInterval how often the retention job runs ({@code retention_interval}, 1 hour)
 * @param deleteBatchSize the most rows one delete statement removes ({@code delete_batch_size}, 5000)
 */
public record AnalyticsSettings(Optional<Duration> requestLogRetention, Optional<Duration> minuteRollupRetention,
                                Optional<Duration> hourRollupRetention, Optional<Duration> dayRollupRetention,
                                Duration retentionInterval, int deleteBatchSize) {

    /** The settings when the configuration says nothing. */
    public static final AnalyticsSettings DEFAULT = new AnalyticsSettings(Optional.empty(),
            Optional.of(Duration.ofDays(7)), Optional.of(Duration.ofDays(90)), Optional.of(Duration.ofDays(730)),
            Duration.ofHours(1), 5000);

    /** Checks that nothing is missing. */
    public AnalyticsSettings {
        Objects.requireNonNull(requestLogRetention, "requestLogRetention");
        Objects.requireNonNull(minuteRollupRetention, "minuteRollupRetention");
        Objects.requireNonNull(hourRollupRetention, "hourRollupRetention");
        Objects.requireNonNull(dayRollupRetention, "dayRollupRetention");
        Objects.requireNonNull(retentionInterval, "retentionInterval");
        if (deleteBatchSize < 1) {
            throw new IllegalArgumentException("deleteBatchSize must be positive");
        }
    }
}
