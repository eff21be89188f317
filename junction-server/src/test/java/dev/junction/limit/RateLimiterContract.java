package dev.junction.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} does, whether in memory or in Redis. Subclasses provide the limiter, a second
 * "replica" sharing its state, and a way to let time pass.
 */
abstract class RateLimiterContract {

    /** The limiter under test. */
    abstract RateLimiter limiter();

    /** Another limiter sharing the state of {@link #limiter()}, as a second replica would. */
    abstract RateLimiter otherReplica();

    /** The lease time-to-live the limiters were made with. */
    abstract Duration leaseTtl();

    /** Lets {@code time} pass for the limiter. */
    abstract void passes(Duration time) throws InterruptedException;

    static LimitSubject rpm(String id, long rpm) {
        return new LimitSubject(id, new RateLimits(OptionalLong.of(rpm), OptionalLong.empty(), OptionalInt.empty()));
    }

    static LimitSubject tpm(String id, long tpm) {
        return new LimitSubject(id, new RateLimits(OptionalLong.empty(), OptionalLong.of(tpm), OptionalInt.empty()));
    }

    static LimitSubject concurrent(String id, int max) {
        return new LimitSubject(id, new RateLimits(OptionalLong.empty(), OptionalLong.empty(), OptionalInt.of(max)));
    }

    LimitDecision acquire(List<LimitSubject> subjects, long tokens) {
        return acquire(limiter(), subjects, tokens, UUID.randomUUID().toString());
    }

    LimitDecision acquire(LimitSubject subject, long tokens, String leaseId) {
        return acquire(limiter(), List.of(subject), tokens, leaseId);
    }

    static LimitDecision acquire(RateLimiter limiter, List<LimitSubject> subjects, long tokens, String leaseId) {
        return limiter.acquire(subjects, tokens, leaseId).toCompletableFuture().join();
    }

    void release(LimitSubject subject, String leaseId, long estimated, long actual) {
        limiter().release(List.of(subject), leaseId, estimated, actual).toCompletableFuture().join();
    }

    LimitStatus peek(LimitSubject subject, LimitKind kind) {
        Map<String, List<LimitStatus>> peeked = limiter().peek(List.of(subject)).toCompletableFuture().join();
        return peeked.get(subject.id()).stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    }

    /** Acquires single requests until one is denied; answers how many were allowed. */
    int drain(LimitSubject subject) {
        for (int allowed = 0; allowed < 10_000; allowed++) {
            if (acquire(List.of(subject), 0) instanceof LimitDecision.Denied) {
                return allowed;
            }
        }
        throw new AssertionError("the limiter never denied");
    }

    @Test
    void requestsPerMinuteAllowExactlyTheLimit() {
        LimitSubject key = rpm("key:key_abc", 5);

        for (int i = 0; i < 5; i++) {
            assertThat(acquire(List.of(key), 0)).isInstanceOf(LimitDecision.Allowed.class);
        }
        LimitDecision sixth = acquire(List.of(key), 0);

        assertThat(sixth).isInstanceOfSatisfying(LimitDecision.Denied.class, denied -> {
            assertThat(denied.subjectId()).isEqualTo("key:key_abc");
            assertThat(denied.kind()).isEqualTo(LimitKind.REQUESTS);
            assertThat(denied.limit()).isEqualTo(5);
            assertThat(denied.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(12));
        });
    }

    @Test
    void aDenialSaysWhichLimitWasReachedAndWhenToRetry() {
        LimitSubject key = rpm("key:key_abc", 5);
        drain(key);

        LimitDecision denied = acquire(List.of(key), 0);

        assertThat(((LimitDecision.Denied) denied).message())
                .isEqualTo("Rate limit of 5 requests per minute reached for key:key_abc; retry in 12 s.");
    }

    @Test
    void requestsRefillContinuously() throws InterruptedException {
        LimitSubject key = rpm("key:fast", 600); // one request every 100 ms
        drain(key);

        passes(Duration.ofMillis(150));

        assertThat(acquire(List.of(key), 0)).isInstanceOf(LimitDecision.Allowed.class);
    }

    @Test
    void tokensBeyondWhatRemainsAreDenied() {
        LimitSubject key = tpm("key:tokens", 1000);
        acquire(List.of(key), 600);

        LimitDecision denied = acquire(List.of(key), 500);

        assertThat(denied).isInstanceOfSatisfying(LimitDecision.Denied.class, d -> {
            assertThat(d.kind()).isEqualTo(LimitKind.TOKENS);
            assertThat(d.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(6));
        });
    }

    @Test
    void tokensRefillContinuously() throws InterruptedException {
        LimitSubject key = tpm("key:tokens", 600); // ten tokens a second
        acquire(List.of(key), 600);
        assertThat(acquire(List.of(key), 1)).isInstanceOf(LimitDecision.Denied.class);

        passes(Duration.ofMillis(150));

        assertThat(acquire(List.of(key), 1)).isInstanceOf(LimitDecision.Allowed.class);
    }

    @Test
    void unusedTokensComeBackOnRelease() {
        LimitSubject key = tpm("key:tokens", 1000);
        acquire(key, 800, "lease-1");

        release(key, "lease-1", 800, 100);

        assertThat(acquire(List.of(key), 800)).isInstanceOf(LimitDecision.Allowed.class);
    }

    @Test
    void givingTokensBackNeverFillsTheBucketBeyondItsLimit() {
        LimitSubject key = tpm("key:tokens", 1000);
        acquire(key, 10, "lease-1");

        release(key, "lease-1", 500, 0);

        assertThat(peek(key, LimitKind.TOKENS).remaining()).isEqualTo(1000);
    }

    @Test
    void anOverrunPutsTheTokensIntoDebt() {
        LimitSubject key = tpm("key:tokens", 1000);
        acquire(key, 100, "lease-1");

        release(key, "lease-1", 100, 1600); // 600 tokens more than the bucket holds

        assertThat(peek(key, LimitKind.TOKENS).remaining()).isZero();
        assertThat(acquire(List.of(key), 1)).isInstanceOfSatisfying(LimitDecision.Denied.class,
                d -> assertThat(d.retryAfter()).isGreaterThan(Duration.ofSeconds(35)));
    }

    @Test
    void aSecondReleaseOfTheSameRequestGivesNothingBack() {
        LimitSubject key = tpm("key:tokens", 1000);
        acquire(key, 900, "request-1");
        release(key, "request-1", 900, 600); // 300 unused tokens come back: about 400 remain

        release(key, "request-1", 900, 600); // the same request finishing through a second path

        assertThat(peek(key, LimitKind.TOKENS).remaining()).isBetween(400L, 599L);
    }

    @Test
    void aSecondReleaseOfTheSameRequestTakesNoOverrunAgain() {
        LimitSubject key = tpm("key:tokens", 1000);
        acquire(key, 100, "request-1");
        release(key, "request-1", 100, 600); // 500 tokens more than estimated: about 400 remain

        release(key, "request-1", 100, 600);

        assertThat(peek(key, LimitKind.TOKENS).remaining()).isBetween(400L, 599L);
    }

    @Test
    void releasingADeniedRequestGivesNothingBack() {
        LimitSubject key = tpm("key:tokens", 1000);
        acquire(key, 900, "allowed");
        assertThat(acquire(key, 500, "denied")).isInstanceOf(LimitDecision.Denied.class);

        release(key, "denied", 500, 0);

        assertThat(peek(key, LimitKind.TOKENS).remaining()).isBetween(100L, 599L);
    }

    @Test
    void aRequestIdAcquiredAgainAfterItsReleaseIsReleasedAgain() {
        LimitSubject key = tpm("key:tokens", 1000);
        acquire(key, 900, "reused");
        release(key, "reused", 900, 0);
        acquire(key, 900, "reused");

        release(key, "reused", 900, 0);

        assertThat(peek(key, LimitKind.TOKENS).remaining()).isEqualTo(1000);
    }

    @Test
    void aRequestReleasedInParallelOnTwoReplicasGivesBackOnce() throws Exception {
        LimitSubject key = tpm("key:tokens", 1000);
        acquire(key, 900, "request-1");
        List<RateLimiter> replicas = List.of(limiter(), otherReplica());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> releases = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 16; i++) {
                RateLimiter replica = replicas.get(i % 2);
                releases.add(threads.submit(() -> {
                    start.await();
                    return replica.release(List.of(key), "request-1", 900, 600).toCompletableFuture().join();
                }));
            }
            start.countDown();
            for (Future<?> release : releases) {
                release.get();
            }
        }

        assertThat(peek(key, LimitKind.TOKENS).remaining()).isBetween(400L, 599L);
    }

    @Test
    void anEstimateLargerThanTheTokensLimitIsAlwaysDenied() {
        LimitSubject key = tpm("key:small", 1000);

        LimitDecision denied = acquire(List.of(key), 1001);

        assertThat(denied).isInstanceOfSatisfying(LimitDecision.Denied.class, d -> {
            assertThat(d.retryAfter()).isEqualTo(Duration.ofMinutes(1));
            assertThat(d.message()).isEqualTo("This request needs an estimated 1001 tokens, more than the limit of 1000"
                    + " tokens per minute for key:small.");
        });
    }

    @Test
    void concurrentRequestsBeyondTheLimitAreDenied() {
        LimitSubject key = concurrent("key:conc", 2);
        acquire(key, 0, "a");
        acquire(key, 0, "b");

        LimitDecision third = acquire(key, 0, "c");

        assertThat(third).isInstanceOfSatisfying(LimitDecision.Denied.class, d -> {
            assertThat(d.kind()).isEqualTo(LimitKind.CONCURRENCY);
            assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            assertThat(d.message()).isEqualTo("Limit of 2 concurrent requests reached for key:conc; retry in 1 s.");
        });
    }

    @Test
    void releasingFreesAConcurrencySlot() {
        LimitSubject key = concurrent("key:conc", 2);
        acquire(key, 0, "a");
        acquire(key, 0, "b");

        release(key, "a", 0, 0);

        assertThat(acquire(key, 0, "c")).isInstanceOf(LimitDecision.Allowed.class);
    }

    @Test
    void anUnreleasedSlotComesBackWhenItsLeaseExpires() throws InterruptedException {
        LimitSubject key = concurrent("key:conc", 1);
        acquire(key, 0, "crashed");
        assertThat(acquire(key, 0, "next")).isInstanceOf(LimitDecision.Denied.class);

        passes(leaseTtl().plusMillis(100));

        assertThat(acquire(key, 0, "next")).isInstanceOf(LimitDecision.Allowed.class);
    }

    @Test
    void aDenyingSubjectLeavesTheOtherSubjectsUntouched() {
        LimitSubject key = rpm("key:roomy", 10);
        LimitSubject user = rpm("user:tight", 1);
        LimitSubject slots = concurrent("team:slots", 5);
        acquire(List.of(user), 0);

        LimitDecision denied = acquire(List.of(key, user, slots), 0);

        assertThat(denied).isInstanceOf(LimitDecision.Denied.class);
        assertThat(peek(key, LimitKind.REQUESTS).remaining()).isEqualTo(10);
        assertThat(peek(slots, LimitKind.CONCURRENCY).remaining()).isEqualTo(5);
    }

    @Test
    void theDenialNamesTheSubjectWithTheLongestWait() {
        LimitSubject key = rpm("key:a", 2); // drained, it has room again in 30 s
        LimitSubject user = rpm("user:b", 1); // drained, in 60 s
        drain(key);
        drain(user);

        LimitDecision denied = acquire(List.of(key, user), 0);

        assertThat(denied).isInstanceOfSatisfying(LimitDecision.Denied.class, d -> {
            assertThat(d.subjectId()).isEqualTo("user:b");
            assertThat(d.retryAfter()).isGreaterThan(Duration.ofSeconds(30));
        });
    }

    @Test
    void allowedReportsTheTightestStatusOfEachKind() {
        LimitSubject key = new LimitSubject("key:k", new RateLimits(OptionalLong.of(100), OptionalLong.of(10_000),
                OptionalInt.empty()));
        LimitSubject user = new LimitSubject("user:u", new RateLimits(OptionalLong.of(10), OptionalLong.of(1000),
                OptionalInt.empty()));

        LimitDecision allowed = acquire(List.of(key, user), 100);

        assertThat(allowed).isInstanceOfSatisfying(LimitDecision.Allowed.class, a -> {
            assertThat(a.requests().orElseThrow().limit()).isEqualTo(10);
            assertThat(a.requests().orElseThrow().remaining()).isEqualTo(9);
            assertThat(a.tokens().orElseThrow().limit()).isEqualTo(1000);
            assertThat(a.tokens().orElseThrow().remaining()).isEqualTo(900);
            assertThat(a.tokens().orElseThrow().resetIn()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(6));
        });
    }

    @Test
    void subjectsWithoutLimitsAreSkipped() {
        LimitSubject unlimited = new LimitSubject("key:free", RateLimits.NONE);

        assertThat(acquire(List.of(unlimited), 1_000_000)).isEqualTo(LimitDecision.Allowed.UNLIMITED);
        assertThat(limiter().peek(List.of(unlimited)).toCompletableFuture().join()).isEmpty();
    }

    @Test
    void peekingTakesNothing() {
        LimitSubject key = rpm("key:peek", 10);
        acquire(List.of(key), 0);

        peek(key, LimitKind.REQUESTS);

        assertThat(peek(key, LimitKind.REQUESTS).remaining()).isEqualTo(9);
    }

    @Test
    void parallelAcquiresOnTwoReplicasAdmitExactlyTheLimit() throws Exception {
        LimitSubject key = rpm("key:contended", 50);
        List<RateLimiter> replicas = List.of(limiter(), otherReplica());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LimitDecision>> decisions = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 200; i++) {
                RateLimiter replica = replicas.get(i % 2);
                decisions.add(threads.submit(() -> {
                    start.await();
                    return acquire(replica, List.of(key), 0, UUID.randomUUID().toString());
                }));
            }
            start.countDown();
            long allowed = 0;
            for (Future<LimitDecision> decision : decisions) {
                allowed += decision.get() instanceof LimitDecision.Allowed ? 1 : 0;
            }

            assertThat(allowed).isEqualTo(50);
        }
    }
}
