package dev.junction.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The rate limiter of a single node, in memory. Thread safe and exact: an acquire locks the states of all its
 * subjects (always in id order, so two acquires cannot deadlock) for the few arithmetic steps of the check and the
 * take. Every stage it returns is already complete. All time comes from the clock.
 *
 * <p>Memory stays flat however many keys come and go: idle subjects are forgotten ({@link SubjectStates}); once a
 * minute, the acquire that notices sweeps them, skipping any that another thread holds. Allowed acquires are recorded
 * by lease id until released or expired ({@link Acquisitions}), which makes {@link #release} idempotent.
 */
public final class LocalRateLimiter implements RateLimiter {

    private final Clock clock;
    private final long leaseTtlMicros;
    private final SubjectStates states;
    private final Acquisitions acquisitions;

    /** A limiter on {@code clock} whose concurrency slots expire after {@code leaseTtl} unless released. */
    public LocalRateLimiter(Clock clock, Duration leaseTtl) {
        if (!leaseTtl.isPositive()) {
            throw new IllegalArgumentException("the lease time-to-live must be positive: " + leaseTtl);
        }
        this.clock = clock;
        this.leaseTtlMicros = TimeUnit.NANOSECONDS.toMicros(leaseTtl.toNanos());
        long now = now();
        this.states = new SubjectStates(now);
        this.acquisitions = new Acquisitions(now);
    }

    /** A limiter on {@code clock} with the {@linkplain #DEFAULT_LEASE_TTL default} lease time-to-live. */
    public LocalRateLimiter(Clock clock) {
        this(clock, DEFAULT_LEASE_TTL);
    }

    @Override
    public CompletionStage<LimitDecision> acquire(List<LimitSubject> subjects, long tokens, String leaseId) {
        if (tokens < 0) {
            throw new IllegalArgumentException("a token estimate cannot be negative: " + tokens);
        }
        List<LimitSubject> limited = LimitSubject.distinctLimited(subjects);
        if (limited.isEmpty()) {
            return CompletableFuture.completedFuture(LimitDecision.Allowed.UNLIMITED);
        }
        long now = now();
        states.sweepIfDue(now);
        acquisitions.sweepIfDue(now);
        Attempt attempt = new Attempt(tokens, leaseId, now);
        Map<String, SubjectState> locked = states.lockAll(limited.stream().map(LimitSubject::id).toList());
        try {
            List<Refusal> refusals = new ArrayList<>();
            for (LimitSubject subject : limited) {
                check(subject, locked.get(subject.id()), attempt, refusals);
            }
            // Every subject must admit the request, so the longest wait is the one worth telling.
            var refusal = refusals.stream().max(Comparator.comparingLong(Refusal::waitMicros));
            if (refusal.isPresent()) {
                return CompletableFuture.completedFuture(refusal.get().toDecision(tokens));
            }
            List<LimitStatus> statuses = new ArrayList<>();
            for (LimitSubject subject : limited) {
                take(subject, locked.get(subject.id()), attempt, statuses);
            }
            acquisitions.hold(leaseId, now + leaseTtlMicros);
            return CompletableFuture.completedFuture(LimitDecision.Allowed.tightest(statuses));
        } finally {
            SubjectStates.unlockAll(locked);
        }
    }

    /** One acquire's request: the token estimate, the lease id, and the time (microseconds). */
    private record Attempt(long tokens, String leaseId, long now) {
    }

    /** Adds to {@code refusals} every limit of {@code subject} that cannot take the attempt. */
    private static void check(LimitSubject subject, SubjectState state, Attempt attempt, List<Refusal> refusals) {
        RateLimits limits = subject.limits();
        long now = attempt.now();
        if (limits.requestsPerMinute().isPresent()) {
            long rpm = limits.requestsPerMinute().getAsLong();
            long wait = state.requests.waitFor(1, rpm, now);
            if (wait > 0) {
                refusals.add(new Refusal(subject.id(), LimitKind.REQUESTS, rpm, wait, false));
            }
        }
        if (limits.tokensPerMinute().isPresent()) {
            long tpm = limits.tokensPerMinute().getAsLong();
            boolean tooLarge = attempt.tokens() > tpm;
            long wait = tooLarge ? Bucket.PERIOD_MICROS : state.tokens.waitFor(attempt.tokens(), tpm, now);
            if (wait > 0) {
                refusals.add(new Refusal(subject.id(), LimitKind.TOKENS, tpm, wait, tooLarge));
            }
        }
        if (limits.maxConcurrent().isPresent()) {
            int max = limits.maxConcurrent().getAsInt();
            state.dropExpiredLeases(now);
            if (!state.leases.containsKey(attempt.leaseId()) && state.leases.size() >= max) {
                refusals.add(new Refusal(subject.id(), LimitKind.CONCURRENCY, max, Refusal.CONCURRENCY_WAIT_MICROS,
                        false));
            }
        }
    }

    /** Takes the attempt from {@code subject} and adds its bucket statuses afterwards to {@code statuses}. */
    private void take(LimitSubject subject, SubjectState state, Attempt attempt, List<LimitStatus> statuses) {
        RateLimits limits = subject.limits();
        long now = attempt.now();
        long tokens = attempt.tokens();
        state.lastUsed = now;
        if (limits.requestsPerMinute().isPresent()) {
            long rpm = limits.requestsPerMinute().getAsLong();
            state.requests.take(1, rpm, now);
            statuses.add(Statuses.bucket(LimitKind.REQUESTS, rpm, state.requests.remaining(rpm, now),
                    state.requests.fullInMicros(now)));
        }
        if (limits.tokensPerMinute().isPresent()) {
            long tpm = limits.tokensPerMinute().getAsLong();
            state.tokens.take(tokens, tpm, now);
            statuses.add(Statuses.bucket(LimitKind.TOKENS, tpm, state.tokens.remaining(tpm, now),
                    state.tokens.fullInMicros(now)));
        }
        if (limits.maxConcurrent().isPresent()) {
            state.leases.put(attempt.leaseId(), now + leaseTtlMicros);
        }
    }

    @Override
    public CompletionStage<Void> release(List<LimitSubject> subjects, String leaseId, long estimatedTokens,
                                         long actualTokens) {
        long now = now();
        if (!acquisitions.end(leaseId, now)) {
            return CompletableFuture.completedFuture(null); // released already, never allowed, or expired
        }
        long unused = estimatedTokens - actualTokens;
        for (LimitSubject subject : LimitSubject.distinctLimited(subjects)) {
            Map<String, SubjectState> locked = states.lockAll(List.of(subject.id()));
            SubjectState state = locked.get(subject.id());
            try {
                state.leases.remove(leaseId);
                var tpm = subject.limits().tokensPerMinute();
                if (tpm.isPresent() && unused > 0) {
                    state.tokens.giveBack(unused, tpm.getAsLong(), now);
                } else if (tpm.isPresent() && unused < 0) {
                    state.tokens.take(-unused, tpm.getAsLong(), now);
                }
            } finally {
                SubjectStates.unlockAll(locked);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Map<String, List<LimitStatus>>> peek(List<LimitSubject> subjects) {
        long now = now();
        Map<String, List<LimitStatus>> peeked = new LinkedHashMap<>();
        for (LimitSubject subject : LimitSubject.distinctLimited(subjects)) {
            SubjectState state = states.find(subject.id()).orElseGet(SubjectState::new);
            state.lock.lock();
            try {
                peeked.put(subject.id(), statuses(subject.limits(), state, now));
            } finally {
                state.lock.unlock();
            }
        }
        return CompletableFuture.completedFuture(peeked);
    }

    private static List<LimitStatus> statuses(RateLimits limits, SubjectState state, long now) {
        List<LimitStatus> statuses = new ArrayList<>(3);
        limits.requestsPerMinute().ifPresent(rpm -> statuses.add(Statuses.bucket(LimitKind.REQUESTS, rpm,
                state.requests.remaining(rpm, now), state.requests.fullInMicros(now))));
        limits.tokensPerMinute().ifPresent(tpm -> statuses.add(Statuses.bucket(LimitKind.TOKENS, tpm,
                state.tokens.remaining(tpm, now), state.tokens.fullInMicros(now))));
        if (limits.maxConcurrent().isPresent()) {
            state.dropExpiredLeases(now);
            statuses.add(Statuses.concurrency(limits.maxConcurrent().getAsInt(), state.leases.size()));
        }
        return statuses;
    }

    /** How many subjects are kept in memory (for tests of eviction). */
    int trackedSubjects() {
        return states.size();
    }

    /** How many allowed acquires are remembered until their release (for tests of eviction). */
    int trackedAcquisitions() {
        return acquisitions.size();
    }

    private long now() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000L);
    }

    /** Nothing to release: the limiter holds no resources beyond memory. */
    @Override
    public void close() {
    }
}
