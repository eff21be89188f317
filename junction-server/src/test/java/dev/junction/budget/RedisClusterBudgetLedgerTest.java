package dev.junction.budget;

import dev.junction.cluster.LocalRedisCluster;
import dev.junction.cluster.RedisEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract against a three-node Redis Cluster: a reservation holds in every budget in one script, so all their
 * keys must be in one slot. The prefix given has no hash tag; the ledger adds one.
 */
class RedisClusterBudgetLedgerTest extends BudgetLedgerContract {

    private static final Duration RESERVATION_TTL = Duration.ofMillis(200);

    private final LocalRedisCluster cluster = LocalRedisCluster.shared();
    private final String prefix = "test:cluster-budget:" + UUID.randomUUID() + ":";
    private final RedisBudgetLedger ledger = new RedisBudgetLedger(cluster.url(), prefix, clock, RESERVATION_TTL);
    private final List<RedisBudgetLedger> replicas = List.of(
            new RedisBudgetLedger(cluster.url(), prefix, clock, BudgetLedger.DEFAULT_RESERVATION_TTL),
            new RedisBudgetLedger(cluster.url(), prefix, clock, BudgetLedger.DEFAULT_RESERVATION_TTL));

    @AfterEach
    void cleanUp() {
        ledger.close();
        replicas.forEach(RedisBudgetLedger::close);
        cluster.deleteAll(RedisEndpoint.slotPrefix(prefix));
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
}
