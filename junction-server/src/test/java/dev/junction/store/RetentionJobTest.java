package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.analytics.Granularity;
import dev.junction.entity.Attribution;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retention on each database: exactly what is older than the cut-off goes, in batches, one replica at a time. */
class RetentionJobTest {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration LOGS = Duration.ofDays(30);
    private static final Duration MINUTES = Duration.ofDays(7);
    private static final Duration HOURS = Duration.ofDays(90);

    private static final RetentionJob.Policy POLICY = new RetentionJob.Policy(Optional.of(LOGS), Map.of(
            Granularity.MINUTE, Optional.of(MINUTES), Granularity.HOUR, Optional.of(HOURS),
            Granularity.DAY, Optional.empty()), 7);

    private static LoggedRequest at(Instant when, int i) {
        return new LoggedRequest("r" + i, when, new Attribution("k", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), "/v1/chat/completions", "m", "p", "d", "u", false, false, 200,
                10, 5, new Usage(1, 1, 0, 0, 0), new Costs(1, 1, 1), "d=200@10ms", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** Entries at and around each cut-off, and a spread of older ones (more than a few batches' worth). */
    private static List<LoggedRequest> workload() {
        List<Instant> times = new ArrayList<>();
        for (Duration keep : List.of(LOGS, MINUTES, HOURS)) {
            Instant cut = NOW.minus(keep);
            for (long offset : new long[] {-3_600_001, -60_001, -60_000, -1, 0, 1, 59_999, 60_000}) {
                times.add(cut.plusMillis(offset));
            }
        }
        for (int i = 0; i < 40; i++) {
            times.add(NOW.minus(Duration.ofDays(100 + i * 7)));
        }
        times.add(NOW.minusSeconds(5));
        List<LoggedRequest> entries = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            entries.add(at(times.get(i), i));
        }
        return entries;
    }

    private static List<Long> longs(Database db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).list());
    }

    @AllDialects
    void deletesExactlyWhatIsOlderThanEachCutOff(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened opened = TestDatabases.open(dialect)) {
            Database db = opened.database();
            new JdbcRequestLogSink(db).write(workload());
            List<Long> logsBefore = longs(db, "SELECT started_at FROM request_logs");
            List<Long> minutesBefore = longs(db, "SELECT bucket_start FROM usage_rollups WHERE granularity = 0");
            List<Long> hoursBefore = longs(db, "SELECT bucket_start FROM usage_rollups WHERE granularity = 1");
            long daysBefore = longs(db, "SELECT COUNT(*) FROM usage_rollups WHERE granularity = 2").getFirst();

            RetentionJob.Result result = new RetentionJob(db, POLICY, CLOCK).run();

            long logCut = NOW.minus(LOGS).toEpochMilli();
            long minuteCut = NOW.minus(MINUTES).toEpochMilli();
            long hourCut = NOW.minus(HOURS).toEpochMilli();
            List<Long> keptLogs = logsBefore.stream().filter(t -> t >= logCut).sorted().toList();
            List<Long> keptMinutes = minutesBefore.stream().filter(b -> b + 60_000 > minuteCut).sorted().toList();
            List<Long> keptHours = hoursBefore.stream().filter(b -> b + 3_600_000 > hourCut).sorted().toList();
            assertThat(result.ran()).isTrue();
            assertThat(longs(db, "SELECT started_at FROM request_logs ORDER BY started_at")).isEqualTo(keptLogs);
            assertThat(result.requestLogs()).isEqualTo(logsBefore.size() - keptLogs.size()).isGreaterThan(14);
            assertThat(longs(db, "SELECT bucket_start FROM usage_rollups WHERE granularity = 0 ORDER BY bucket_start"))
                    .isEqualTo(keptMinutes);
            assertThat(result.rollups().get(Granularity.MINUTE)).isEqualTo(minutesBefore.size() - keptMinutes.size());
            assertThat(longs(db, "SELECT bucket_start FROM usage_rollups WHERE granularity = 1 ORDER BY bucket_start"))
                    .isEqualTo(keptHours);
            assertThat(keptHours.size()).isLessThan(hoursBefore.size());
            assertThat(longs(db, "SELECT COUNT(*) FROM usage_rollups WHERE granularity = 2").getFirst())
                    .isEqualTo(daysBefore);
            // The entry 1 ms before the cut-off went, the one at it stayed.
            assertThat(keptLogs).contains(logCut).doesNotContain(logCut - 1);
        }
    }

    @AllDialects
    void aTenantWithARetentionOfItsOwnLosesItsOlderEntriesAndNoOneElses(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened opened = TestDatabases.open(dialect)) {
            Database db = opened.database();
            TenantRepository tenants = new TenantRepository(db, CLOCK);
            var brief = tenants.create(new dev.junction.entity.Tenant.Spec("brief", 0,
                    dev.junction.limit.RateLimits.NONE, List.of(), Map.of()));
            var lasting = tenants.create(new dev.junction.entity.Tenant.Spec("lasting", 0,
                    dev.junction.limit.RateLimits.NONE, List.of(), Map.of()));
            tenants.configure(brief.id(), brief.spec(), new dev.junction.entity.TenantSettings(List.of(),
                    Optional.empty(), Optional.empty(), java.util.OptionalInt.of(2)));
            new JdbcRequestLogSink(db).write(List.of(
                    of(brief.id(), NOW.minus(Duration.ofDays(1)), "brief-new"),
                    of(brief.id(), NOW.minus(Duration.ofDays(3)), "brief-old"),
                    of(lasting.id(), NOW.minus(Duration.ofDays(3)), "lasting-old"),
                    of(lasting.id(), NOW.minus(Duration.ofDays(40)), "lasting-past-the-gateway")));

            RetentionJob.Result result = new RetentionJob(db, POLICY, CLOCK).run();

            List<String> kept = db.jdbi().withHandle(h -> h.createQuery("SELECT request_id FROM request_logs "
                    + "ORDER BY request_id").mapTo(String.class).list());
            assertThat(kept).containsExactly("brief-new", "lasting-old");
            assertThat(result.requestLogs()).isEqualTo(2);
        }
    }

    private static LoggedRequest of(String tenant, Instant when, String id) {
        return new LoggedRequest(id, when, new Attribution("k", Optional.of("key_" + id), Optional.of("usr_1"),
                Optional.empty(), Optional.of(tenant)), "/v1/chat/completions", "m", "p", "d", "u", false, false, 200,
                10, 5, new Usage(1, 1, 0, 0, 0), new Costs(1, 1, 1), "d=200@10ms", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MYSQL"}) // SQLite has a single process
    void aReplicaHoldingTheLockMakesTheOthersSkip(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened opened = TestDatabases.open(dialect)) {
            Database db = opened.database();
            new JdbcRequestLogSink(db).write(workload());
            long before = longs(db, "SELECT COUNT(*) FROM request_logs").getFirst();
            String take = dialect == SqlDialect.POSTGRESQL
                    ? "SELECT pg_try_advisory_lock(" + RetentionJob.ADVISORY_KEY + ")"
                    : "SELECT GET_LOCK(CONCAT('junction_retention:', DATABASE()), 0)";
            try (Connection other = db.dataSource().getConnection(); Statement st = other.createStatement();
                 ResultSet rs = st.executeQuery(take)) {
                assertThat(rs.next() && rs.getBoolean(1)).isTrue();

                RetentionJob.Result result = new RetentionJob(db, POLICY, CLOCK).run();

                assertThat(result.ran()).isFalse();
                assertThat(longs(db, "SELECT COUNT(*) FROM request_logs").getFirst()).isEqualTo(before);
                st.execute(dialect == SqlDialect.POSTGRESQL
                        ? "SELECT pg_advisory_unlock(" + RetentionJob.ADVISORY_KEY + ")"
                        : "SELECT RELEASE_LOCK(CONCAT('junction_retention:', DATABASE()))");
            }
            // Released: the next run does the work.
            assertThat(new RetentionJob(db, POLICY, CLOCK).run().ran()).isTrue();
        }
    }
}
