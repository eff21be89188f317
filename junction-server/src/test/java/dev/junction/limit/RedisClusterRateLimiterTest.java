package dev.junction.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.LocalRedisCluster;
import dev.junction.cluster.RedisEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract against a three-node Redis Cluster: every call's subjects are checked in one script, so all their keys
 * must be in one slot. The prefix given has no hash tag; the limiter adds one.
 */
class RedisClusterRateLimiterTest extends RateLimiterContract {

    private static final Duration LEASE_TTL = Duration.ofMillis(300);

    private final LocalRedisCluster cluster = LocalRedisCluster.shared();
    private final String prefix = "test:cluster-limit:" + UUID.randomUUID() + ":";
    private final RedisRateLimiter limiter = new RedisRateLimiter(cluster.url(), prefix, LEASE_TTL);
    private final RedisRateLimiter otherReplica = new RedisRateLimiter(cluster.url(), prefix, LEASE_TTL);

    @AfterEach
    void cleanUp() {
        limiter.close();
        otherReplica.close();
        cluster.deleteAll(RedisEndpoint.slotPrefix(prefix));
    }

    @Override
    RateLimiter limiter() {
        return limiter;
    }

    @Override
    RateLimiter otherReplica() {
        return otherReplica;
    }

    @Override
    Duration leaseTtl() {
        return LEASE_TTL;
    }

    @Override
    void passes(Duration time) throws InterruptedException {
        Thread.sleep(time);
    }

    @Test
    void theKeysOfEverySubjectAndTheHeldMarkShareOneSlot() {
        LimitSubject key = new LimitSubject("key:k1", new RateLimits(java.util.OptionalLong.of(10),
                java.util.OptionalLong.of(1000), java.util.OptionalInt.of(2)));
        acquire(limiter, List.of(key, rpm("user:u1", 10), tpm("team:t1", 1000), concurrent("tenant:t1", 2)), 10,
                "request-1");

        List<String> keys = cluster.commands().keys(RedisEndpoint.slotPrefix(prefix) + "*");
        assertThat(keys).contains(RedisEndpoint.slotPrefix(prefix) + "held:request-1",
                RedisEndpoint.slotPrefix(prefix) + "limit:user:u1:requests",
                RedisEndpoint.slotPrefix(prefix) + "limit:tenant:t1:leases");
        assertThat(keys.stream().map(k -> cluster.commands().clusterKeyslot(k)).distinct()).hasSize(1);
    }
}
