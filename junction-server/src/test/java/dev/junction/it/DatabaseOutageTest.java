package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junction.store.Database;
import dev.junction.store.DatabaseSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out shape of {@link ScaleOutKillTest} with the database stopped for 30 s during the run instead of a
 * replica killed: a PostgreSQL server of the test's own ({@link OwnPostgres}), so that stopping it disturbs no other
 * test. No client sees an error because of it, and once it is back every record the replicas journaled meanwhile
 * arrives, once. Skipped without nginx or PostgreSQL's binaries (failing on CI). Takes about a minute and a half.
 */
@Tag("scale")
class DatabaseOutageTest {

    @TempDir
    Path home;

    @Test
    void aThirtySecondDatabaseOutageCausesNoClientErrorAndLosesNoRecord() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || (Nginx.installed() && OwnPostgres.installed()), "nginx or PostgreSQL is not installed");
        try (OwnPostgres pg = OwnPostgres.start(); ScaleRig rig = new ScaleRig(home, pg.url(), "postgres", 100_000)) {
            MixedLoad load = rig.load(4);
            ChildGateway.sleep(5_000);
            pg.stopServer();
            ChildGateway.sleep(30_000);
            pg.startServer();
            ChildGateway.sleep(5_000);
            List<MixedLoad.Call> calls = load.stop();
            rig.awaitJournalsDelivered(java.time.Duration.ofSeconds(90));

            assertThat(calls.stream().filter(MixedLoad.Call::clientError)).as("client errors").isEmpty();
            DatabaseSettings settings = new DatabaseSettings(pg.url(), Optional.of("postgres"), Optional.empty(), 2);
            try (Database db = Database.open(settings)) {
                ScaleRig.assertExactlyOneRowPerReceivedAnswer(db, calls);
                long charged = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COALESCE(SUM(charged_nanos), 0) FROM request_logs").mapTo(Long.class).one());
                assertThat(rig.spentUsd()).isCloseTo(charged / 1e9, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }
}
