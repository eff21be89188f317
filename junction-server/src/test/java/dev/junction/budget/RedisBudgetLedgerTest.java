package dev.junction.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.LocalRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract against the machine's Redis. Windows follow the test's clock, which starts at the real time (keys
 * expire relative to Redis's clock); hold leases run on Redis's time, so they are short and really waited for.
 */
class RedisBudgetLedgerTest extends BudgetLedgerContract {

    private static final Duration RESERVATION_TTL = Duration.ofMillis(200);

    private final String prefix = LocalRedis.uniquePrefix("budget");
    private final RedisBudgetLedger ledger = new RedisBudgetLedger(LocalRedis.URL, prefix, clock, RESERVATION_TTL);
    private final List<RedisBudgetLedger> replicas = List.of(
            new RedisBudgetLedger(LocalRedis.URL, prefix, clock, BudgetLedger.DEFAULT_RESERVATION_TTL),
            new RedisBudgetLedger(LocalRedis.URL, prefix, clock, BudgetLedger.DEFAULT_RESERVATION_TTL));
    private final LocalRedis redis = new LocalRedis();

    @AfterEach
    void cleanUp() {
        ledger.close();
        replicas.forEach(RedisBudgetLedger::close);
        redis.deleteAll(prefix);
        redis.close();
    }

    @Override
    Instant startTime() {
        return Instant.now();
    }

    @Override
    BudgetLedger ledger() {
        return ledger;
    }

    @Override
    List<BudgetLedger> twoReplicas() {
        return List.copyOf(replicas);
    }

    @Override
    void leaseRunsOut() throws InterruptedException {
        Thread.sleep(RESERVATION_TTL.plusMillis(100));
    }

    @Test
    void aJournaledSettlementEndsAReservationTheKilledReplicaNeverSettledOnce() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        Reservation.Granted reservation = (Reservation.Granted) reserve(replicas.get(0), List.of(key), 3 * USD);
        Settlement settlement = replicas.get(0).settlement(reservation, 2 * USD);
        replicas.get(0).close(); // killed before its settle reached Redis

        replicas.get(1).settleJournaled(settlement).toCompletableFuture().join();
        replicas.get(1).settleJournaled(settlement).toCompletableFuture().join();

        assertThat(state(key)).extracting(BudgetState::spentNanos, BudgetState::reservedNanos)
                .containsExactly(2 * USD, 0L);
    }

    @Test
    void aJournaledSettlementOfAReservationWhoseLeaseRanOutStillSpendsOnce() throws InterruptedException {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        Reservation.Granted reservation = granted(key, 3 * USD);
        leaseRunsOut();

        settleJournaled(ledger.settlement(reservation, 2 * USD));
        settleJournaled(ledger.settlement(reservation, 2 * USD));

        assertThat(state(key)).extracting(BudgetState::spentNanos, BudgetState::reservedNanos)
                .containsExactly(2 * USD, 0L);
    }

    @Test
    void windowKeysExpireTwoDaysAfterTheWindowEnds() {
        BudgetAccount key = daily("budget:expiring", 10 * USD);
        granted(key, USD);
        BudgetWindow window = key.window(clock.instant());

        long expiresAt = redis.commands().pexpiretime(prefix + "budget:budget:expiring:"
                + window.start().getEpochSecond());

        assertThat(expiresAt).isEqualTo(window.end().orElseThrow().plus(Duration.ofDays(2)).toEpochMilli());
    }

    @Test
    void keysOfTheTotalWindowNeverExpire() {
        BudgetAccount total = new BudgetAccount("budget:total", 10 * USD, BudgetPeriod.TOTAL, clock.getZone());
        granted(total, USD);

        long ttl = redis.commands().pttl(prefix + "budget:budget:total:0");

        assertThat(ttl).isEqualTo(-1);
    }

    @Test
    void anUnreachableRedisFailsReservationsClosed() {
        try (RedisBudgetLedger unreachable = new RedisBudgetLedger(LocalRedis.UNREACHABLE_URL, prefix, clock,
                RESERVATION_TTL)) {
            var reservation = unreachable.reserve(List.of(monthly("budget:any", USD)), 1, "r").toCompletableFuture();

            assertThat(reservation).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(BudgetUnavailable.class);
        }
    }
}
