package dev.junction.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.LocalRedis;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract against the machine's Redis; time passes for real (short waits on fast-refilling limits). */
class RedisRateLimiterTest extends RateLimiterContract {

    private static final Duration LEASE_TTL = Duration.ofMillis(300);

    private final String prefix = LocalRedis.uniquePrefix("limit");
    private final RedisRateLimiter limiter = new RedisRateLimiter(LocalRedis.URL, prefix, LEASE_TTL);
    private final RedisRateLimiter otherReplica = new RedisRateLimiter(LocalRedis.URL, prefix, LEASE_TTL);
    private final LocalRedis redis = new LocalRedis();

    @AfterEach
    void cleanUp() {
        limiter.close();
        otherReplica.close();
        redis.deleteAll(prefix);
        redis.close();
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
    void bucketKeysExpireOnceTheBucketIsFullAgain() {
        acquire(List.of(rpm("key:expiring", 60)), 0); // full again in one second

        long ttl = redis.commands().pttl(prefix + "limit:key:expiring:requests");

        assertThat(ttl).isPositive().isLessThanOrEqualTo(2000);
    }

    @Test
    void leaseSetsExpireAfterTheLeaseTtl() {
        acquire(concurrent("key:leases", 3), 0, "lease");

        long ttl = redis.commands().pttl(prefix + "limit:key:leases:leases");

        assertThat(ttl).isPositive().isLessThanOrEqualTo(LEASE_TTL.toMillis() + 1000);
    }

    @Test
    void theHeldMarkOfAnAcquireExpiresWithItsLease() {
        acquire(tpm("key:held", 1000), 10, "request-1");

        long ttl = redis.commands().pttl(prefix + "held:request-1");

        assertThat(ttl).isPositive().isLessThanOrEqualTo(LEASE_TTL.toMillis());
    }

    @Test
    void releasingEndsTheHeldMark() {
        LimitSubject key = tpm("key:held", 1000);
        acquire(key, 10, "request-1");

        release(key, "request-1", 10, 10);

        assertThat(redis.commands().exists(prefix + "held:request-1")).isZero();
    }

    @Test
    void anUnreachableRedisFailsOpen() {
        try (RedisRateLimiter unreachable = new RedisRateLimiter(LocalRedis.UNREACHABLE_URL, prefix, LEASE_TTL)) {
            LimitDecision decision = acquire(unreachable, List.of(rpm("key:any", 1)), 0, UUID.randomUUID().toString());

            assertThat(decision).isEqualTo(LimitDecision.Allowed.UNLIMITED);
        }
    }

    @Test
    void releasingOnAnUnreachableRedisDoesNotFail() {
        try (RedisRateLimiter unreachable = new RedisRateLimiter(LocalRedis.UNREACHABLE_URL, prefix, LEASE_TTL)) {
            var released = unreachable.release(List.of(concurrent("key:any", 1)), "lease", 10, 5);

            assertThat(released.toCompletableFuture()).succeedsWithin(Duration.ofSeconds(5));
        }
    }
}
