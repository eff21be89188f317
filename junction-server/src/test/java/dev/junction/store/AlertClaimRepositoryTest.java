package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Announcement claims on every database: one replica wins a change, again only after the window, under races too. */
class AlertClaimRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @AllDialects
    void theFirstReplicaHoldsAChangeForTheWindowThenAnyMayTakeItAgain(SqlDialect dialect) {
        try (TestDatabases.Opened store = TestDatabases.open(dialect)) {
            AlertClaimRepository claims = new GovernanceStore(store.database(), Clock.systemUTC()).alertClaims();

            assertThat(claims.claim("upstream_errors", "openai-a", "firing", "gw-a", T0, WINDOW)).isTrue();
            assertThat(claims.claim("upstream_errors", "openai-a", "firing", "gw-b", T0.plusSeconds(3), WINDOW))
                    .as("another replica finding the same change").isFalse();
            assertThat(claims.claim("upstream_errors", "openai-a", "firing", "gw-a", T0.plusSeconds(4), WINDOW))
                    .as("the same replica again within the window").isFalse();
            assertThat(claims.claim("upstream_errors", "openai-a", "resolved", "gw-b", T0.plusSeconds(60), WINDOW))
                    .as("the all-clear is a change of its own").isTrue();
            assertThat(claims.claim("upstream_errors", "openai-b", "firing", "gw-b", T0.plusSeconds(5), WINDOW))
                    .as("another subject").isTrue();
            assertThat(claims.claim("budget", "openai-a", "firing", "gw-b", T0.plusSeconds(5), WINDOW))
                    .as("another rule").isTrue();
            assertThat(claims.claim("upstream_errors", "openai-a", "firing", "gw-b", T0.plus(WINDOW), WINDOW))
                    .as("after the window").isTrue();
            assertThat(claims.claim("upstream_errors", "openai-a", "firing", "gw-a", T0.plus(WINDOW).plusSeconds(1),
                    WINDOW)).as("the renewed claim holds").isFalse();
        }
    }

    @AllDialects
    void replicasRacingForOneChangeLeaveExactlyOneWinner(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened store = TestDatabases.open(dialect)) {
            AlertClaimRepository claims = new GovernanceStore(store.database(), Clock.systemUTC()).alertClaims();
            int replicas = 6;
            for (int round = 0; round < 4; round++) {
                // Round 0 races for a new row, later rounds for an expired one.
                Instant at = T0.plus(WINDOW.multipliedBy(round));
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService threads = Executors.newFixedThreadPool(replicas);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int r = 0; r < replicas; r++) {
                    String replica = "gw-" + r;
                    results.add(threads.submit(() -> {
                        start.await();
                        return store.database().call(() -> claims.claim("circuit_open", "chat-a", "firing", replica,
                                at, WINDOW)).get();
                    }));
                }
                start.countDown();
                long winners = 0;
                for (Future<Boolean> result : results) {
                    winners += result.get() ? 1 : 0;
                }
                threads.shutdown();
                assertThat(winners).as("round " + round).isEqualTo(1);
            }
        }
    }
}
