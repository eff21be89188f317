package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.AnalyticsSettings;
import dev.junction.entity.Attribution;
import dev.junction.entity.BudgetScope;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import dev.junction.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Spend read from the usage rollups equals spend summed over the request log, on every database: the rollups answer
 * whole buckets (so the figures survive the log's retention), the log answers the sub-minute edges, buckets past
 * their rollups' retention, and the time before the rollups were complete.
 */
class SpendFromRollupsTest {

    /** Later than the store's rollups_complete_since mark, which is the time the migration ran. */
    private static final Instant START = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal
            .ChronoUnit.DAYS).plusSeconds(3 * 3600 + 17);
    private static final int ROWS = 600;

    private record Written(List<LoggedRequest> entries, ManualClock clock) {
    }

    private static Written write(Database db) throws Exception {
        List<LoggedRequest> entries = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Instant at = START.plusSeconds(i * 431L); // about three days, every 7 min 11 s
            Attribution caller = new Attribution("key-" + (i % 3), Optional.of("key_" + (i % 3)),
                    Optional.of("usr_" + (i % 2)), Optional.empty(), Optional.of("ten_a"));
            entries.add(new LoggedRequest("req-" + i, at, caller, "/v1/chat/completions", "model-" + (i % 2),
                    "openai", "openai-a", "gpt", false, false, 200, 100, 20, new Usage(i, 2 * i, 0, 0, 0),
                    new Costs(i * 7L, i * 11L, i * 13L), "openai-a:200", Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
        new JdbcRequestLogSink(db).write(entries);
        return new Written(entries, ManualClock.at(START.plusSeconds(ROWS * 431L + 60)));
    }

    private static long charged(List<LoggedRequest> entries, Instant from, Instant to, String keyId) {
        return entries.stream().filter(r -> !r.startedAt().isBefore(from) && r.startedAt().isBefore(to))
                .filter(r -> keyId == null || r.caller().keyId().orElseThrow().equals(keyId))
                .mapToLong(r -> r.costs().chargedNanos()).sum();
    }

    private static long total(List<SpendSummary.Row> rows) {
        return rows.stream().mapToLong(SpendSummary.Row::chargedNanos).sum();
    }

    @AllDialects
    void anUnalignedRangeOverDaysSumsLikeTheLog(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened store = TestDatabases.open(dialect)) {
            Written w = write(store.database());
            SpendSummary spend = new SpendSummary(store.database(), AnalyticsSettings.DEFAULT, w.clock());
            Instant from = START.plusSeconds(1234).plusMillis(567);
            Instant to = START.plus(Duration.ofDays(2)).plusSeconds(5 * 3600 + 17 * 60 + 9);

            List<SpendSummary.Row> byKey = spend.summarize(from, to, SpendSummary.GroupBy.KEY);

            assertThat(byKey).extracting(SpendSummary.Row::group).containsExactlyInAnyOrder("key_0", "key_1", "key_2");
            for (SpendSummary.Row row : byKey) {
                assertThat(row.chargedNanos()).as(row.group()).isEqualTo(charged(w.entries(), from, to, row.group()));
            }
            assertThat(byKey).isSortedAccordingTo((a, b) -> Long.compare(b.chargedNanos(), a.chargedNanos()));
            long requests = w.entries().stream().filter(r -> !r.startedAt().isBefore(from)
                    && r.startedAt().isBefore(to)).count();
            assertThat(byKey.stream().mapToLong(SpendSummary.Row::requests).sum()).isEqualTo(requests);
        }
    }

    @AllDialects
    void wholeBucketsComeFromTheRollupsSoTheyOutliveTheLog(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened store = TestDatabases.open(dialect)) {
            Written w = write(store.database());
            SpendSummary spend = new SpendSummary(store.database(), AnalyticsSettings.DEFAULT, w.clock());
            Instant from = START.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            Instant to = from.plus(Duration.ofDays(3));
            long expected = charged(w.entries(), from, to, null);

            store.database().jdbi().useHandle(h -> h.createUpdate("DELETE FROM request_logs").execute());

            assertThat(total(spend.summarize(from, to, SpendSummary.GroupBy.MODEL))).isEqualTo(expected).isPositive();
            Instant since = START.plus(Duration.ofHours(5)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            assertThat(spend.spentSince(BudgetScope.KEY, "key_1", since))
                    .isEqualTo(charged(w.entries(), since, Instant.MAX, "key_1")).isPositive();
            assertThat(spend.spentSince(BudgetScope.TENANT, "ten_other", since)).isZero();
        }
    }

    @AllDialects
    void beforeTheRollupsWereCompleteAndPastTheirRetentionTheLogAnswers(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened store = TestDatabases.open(dialect)) {
            Written w = write(store.database());
            Instant from = START.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            Instant to = from.plus(Duration.ofDays(3));
            long expected = charged(w.entries(), from, to, null);
            // As if the rollups came later than these entries: none of them is in the rollups.
            store.database().jdbi().useHandle(h -> {
                h.createUpdate("DELETE FROM usage_rollups").execute();
                h.createUpdate("UPDATE store_marks SET at_millis = :at WHERE name = 'rollups_complete_since'")
                        .bind("at", to.toEpochMilli()).execute();
            });
            SpendSummary spend = new SpendSummary(store.database(), AnalyticsSettings.DEFAULT, w.clock());

            assertThat(total(spend.summarize(from, to, SpendSummary.GroupBy.KEY))).isEqualTo(expected);
            assertThat(spend.spentSince(BudgetScope.USER, "usr_0", from))
                    .isEqualTo(w.entries().stream().filter(r -> r.caller().userId().orElseThrow().equals("usr_0"))
                            .mapToLong(r -> r.costs().chargedNanos()).sum());

            // Rollups past their retention: with every size kept a minute, every bucket of the range is read from
            // the log (the rollups, deleted above, would answer nothing).
            store.database().jdbi().useHandle(h -> h.createUpdate("UPDATE store_marks SET at_millis = 0").execute());
            AnalyticsSettings aMinute = new AnalyticsSettings(Optional.empty(), Optional.of(Duration.ofMinutes(1)),
                    Optional.of(Duration.ofMinutes(1)), Optional.of(Duration.ofMinutes(1)), Duration.ofHours(1), 5000);
            assertThat(total(new SpendSummary(store.database(), aMinute, w.clock())
                    .summarize(from, to, SpendSummary.GroupBy.KEY))).isEqualTo(expected);
            assertThat(total(new SpendSummary(store.database(), AnalyticsSettings.DEFAULT, w.clock())
                    .summarize(from, to, SpendSummary.GroupBy.KEY))).as("kept rollups are believed").isZero();
        }
    }
}
