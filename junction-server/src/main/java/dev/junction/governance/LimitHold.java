package dev.junction.governance;

import dev.junction.limit.LimitDecision;
import dev.junction.limit.LimitSubject;
import dev.junction.limit.RateLimiter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rate-limit allowance a request took (one request, its estimated tokens, a concurrency slot) for the key, user,
 * team and tenant at once, until it is {@link #release released}. Released at most once: a second call gives nothing
 * back. Thread safe.
 */
public final class LimitHold {

    private final String requestId;
    private final List<LimitSubject> subjects;
    private final long estimatedTokens;
    private final LimitDecision.Allowed decision;
    private final RateLimiter limiter;
    private final AtomicBoolean released = new AtomicBoolean();

    LimitHold(String requestId, List<LimitSubject> subjects, long estimatedTokens, LimitDecision.Allowed decision,
              RateLimiter limiter) {
        this.requestId = requestId;
        this.subjects = List.copyOf(subjects);
        this.estimatedTokens = estimatedTokens;
        this.decision = decision;
        this.limiter = limiter;
    }

    /** The caller's tightest request and token limits after this request, for {@code x-ratelimit-*} headers. */
    public LimitDecision.Allowed limits() {
        return decision;
    }

    /**
     * Frees the concurrency slot and corrects the tokens taken by the estimate to {@code usedTokens}. Never blocks
     * and never throws.
     */
    public void release(long usedTokens) {
        if (released.compareAndSet(false, true)) {
            limiter.release(subjects, requestId, estimatedTokens, usedTokens);
        }
    }
}
