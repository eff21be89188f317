package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.analytics.Granularity;
import dev.junction.entity.Attribution;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The request log's monthly partitions on PostgreSQL: retention drops months wholly past the cut-off, deletes in
 * batches from the month the cut-off falls in, keeps months ready ahead, and a row no month covers still lands.
 */
class RequestLogPartitionsTest {

    private static final Duration KEEP = Duration.ofDays(30);

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static LoggedRequest at(Instant when, int i) {
        return new LoggedRequest("p" + i, when, Attribution.named("k"), "/v1/chat/completions", "m", "p", "d", "u",
                false, false, 200, 10, 5, new Usage(1, 1, 0, 0, 0), new Costs(1, 1, 1), "d=200@10ms",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static List<String> partitions(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c "
                + "ON c.oid = i.inhrelid WHERE i.inhparent = 'request_logs'::regclass ORDER BY 1")
                .mapTo(String.class).list());
    }

    private static RetentionJob job(Database db, Instant now) {
        return new RetentionJob(db, new RetentionJob.Policy(Optional.of(KEEP), Map.of(Granularity.MINUTE,
                Optional.empty()), 4), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void retentionDropsWholeMonthsAndDeletesOnlyAcrossTheCutOff() throws Exception {
        try (TestDatabases.Opened opened = TestDatabases.open(SqlDialect.POSTGRESQL)) {
            Database db = opened.database();
            YearMonth first = YearMonth.now(ZoneOffset.UTC).plusMonths(6);
            String firstName = "request_logs_p" + first.toString().replace("-", "");
            // Makes this month and the three after it; everything before is wholly past retention and goes.
            job(db, start(first)).run();

            assertThat(partitions(db)).contains("request_logs_p_default", firstName,
                    "request_logs_p" + first.plusMonths(3).toString().replace("-", ""))
                    .doesNotContain("request_logs_p_legacy");

            List<LoggedRequest> entries = new ArrayList<>();
            for (int month = 0; month < 3; month++) {
                for (int day = 0; day < 12; day++) {
                    entries.add(at(start(first.plusMonths(month)).plus(Duration.ofDays(day * 2L).plusHours(5)),
                            entries.size()));
                }
            }
            Instant farFuture = start(first.plusMonths(60));
            entries.add(at(farFuture, entries.size())); // no month covers it: the default partition takes it
            new JdbcRequestLogSink(db).write(entries);

            Instant now = start(first.plusMonths(2)).plus(Duration.ofDays(10));
            long cut = now.minus(KEEP).toEpochMilli();
            long older = entries.stream().filter(e -> e.startedAt().toEpochMilli() < cut).count();
            RetentionJob.Result result = job(db, now).run();

            assertThat(result.requestLogs()).isEqualTo(older);
            assertThat(partitions(db)).doesNotContain(firstName)
                    .contains("request_logs_p" + first.plusMonths(1).toString().replace("-", ""));
            List<Long> left = db.jdbi().withHandle(h -> h.createQuery("SELECT started_at FROM request_logs "
                    + "ORDER BY started_at").mapTo(Long.class).list());
            assertThat(left).containsExactlyElementsOf(entries.stream().map(e -> e.startedAt().toEpochMilli())
                    .filter(t -> t >= cut).sorted().toList());
            long inDefault = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM request_logs_p_default")
                    .mapTo(Long.class).one());
            assertThat(inDefault).as("the row no month covers").isEqualTo(1);
        }
    }

    @Test
    void boundsAreReadFromTheCatalog() {
        assertThat(RequestLogPartitions.parse("a", "FOR VALUES FROM (MINVALUE) TO ('1798761600000')"))
                .isEqualTo(new RequestLogPartitions.Partition("a", Optional.empty(), Optional.of(1798761600000L),
                        false));
        assertThat(RequestLogPartitions.parse("b", "FOR VALUES FROM ('1') TO ('2')"))
                .isEqualTo(new RequestLogPartitions.Partition("b", Optional.of(1L), Optional.of(2L), false));
        assertThat(RequestLogPartitions.parse("c", "DEFAULT").isDefault()).isTrue();
    }
}
