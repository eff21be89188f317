package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.entity.Attribution;
import dev.junction.observe.LoggedRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A batch the request-log writer delivers again after a crash (it was stored, the process died before its journal
 * knew) stores nothing twice, neither the entries nor their rollups, on each database.
 */
class RequestLogExactlyOnceTest {

    private static final Instant AT = Instant.parse("2024-05-06T07:08:09.123Z");

    private static List<LoggedRequest> batch(String prefix, int size) {
        Attribution caller = new Attribution("k", Optional.of("key_" + prefix), Optional.empty(), Optional.empty(),
                Optional.of("ten_" + prefix));
        List<LoggedRequest> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            LoggedRequest r = Fixtures.request(AT.plusMillis(i), caller, "gpt-x", 1_000);
            out.add(new LoggedRequest(prefix + "-" + i, r.startedAt(), r.caller(), r.endpoint(), r.publicModel(),
                    r.provider(), r.deployment(), r.upstreamModel(), r.stream(), r.cacheHit(), r.status(),
                    r.latencyMillis(), r.ttfbMillis(), r.usage(), r.costs(), r.attempts(), r.errorType(),
                    r.errorMessage(), r.requestBody(), r.responseBody()));
        }
        return out;
    }

    private static long rows(Database db, String prefix) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM request_logs WHERE request_id LIKE :p")
                .bind("p", prefix + "-%").mapTo(Long.class).one());
    }

    private static long rolledUpRequests(Database db, String prefix) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(SUM(requests), 0) FROM usage_rollups "
                + "WHERE granularity = 0 AND key_id = :k").bind("k", "key_" + prefix).mapTo(Long.class).one());
    }

    @AllDialects
    void aBatchDeliveredTwiceIsStoredAndRolledUpOnce(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened opened = TestDatabases.open(dialect)) {
            Database db = opened.database();
            String prefix = Fixtures.unique("once");
            List<LoggedRequest> batch = batch(prefix, 20);
            JdbcRequestLogSink sink = new JdbcRequestLogSink(db);

            sink.write(batch);
            sink.write(batch);

            assertThat(rows(db, prefix)).isEqualTo(20);
            assertThat(rolledUpRequests(db, prefix)).isEqualTo(20);
        }
    }

    @AllDialects
    void aReplayOverlappingWhatWasStoredAddsOnlyTheNewEntries(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened opened = TestDatabases.open(dialect)) {
            Database db = opened.database();
            String prefix = Fixtures.unique("overlap");
            List<LoggedRequest> all = batch(prefix, 30);
            JdbcRequestLogSink sink = new JdbcRequestLogSink(db);

            sink.write(all.subList(0, 20));
            List<LoggedRequest> replay = new ArrayList<>(all.subList(10, 30));
            replay.add(all.get(25)); // repeated inside the batch too
            sink.write(replay);

            assertThat(rows(db, prefix)).isEqualTo(30);
            assertThat(rolledUpRequests(db, prefix)).isEqualTo(30);
        }
    }

    @AllDialects
    void theDatabaseRefusesASecondRowForTheSameEntry(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened opened = TestDatabases.open(dialect)) {
            Database db = opened.database();
            String prefix = Fixtures.unique("unique");
            new JdbcRequestLogSink(db).write(batch(prefix, 1));

            boolean refused;
            try {
                db.jdbi().useHandle(h -> h.execute("INSERT INTO request_logs (" + RequestLogRows.COLUMNS
                        + ") SELECT " + RequestLogRows.COLUMNS + " FROM request_logs WHERE request_id = ?",
                        prefix + "-0"));
                refused = false;
            } catch (RuntimeException e) {
                refused = true;
            }

            assertThat(refused).isTrue();
            assertThat(rows(db, prefix)).isEqualTo(1);
        }
    }
}
