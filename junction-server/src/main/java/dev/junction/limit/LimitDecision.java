package dev.junction.limit;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The answer of {@link RateLimiter#acquire}: everything was taken, or nothing. */
public sealed interface LimitDecision {

    /**
     * The request was counted against every subject.
     *
     * @param requests the requests-per-minute status with the fewest remaining across the subjects, after this
     *        request; empty when no subject limits requests (or the limiter failed open)
     * @param tokens the same for tokens per minute
     */
    record Allowed(Optional<LimitStatus> requests, Optional<LimitStatus> tokens) implements LimitDecision {

        /** Allowed without any status: no subject had limits, or the shared limiter could not be asked. */
        public static final Allowed UNLIMITED = new Allowed(Optional.empty(), Optional.empty());

        /** Allowed, reporting the tightest requests and tokens status among {@code statuses}. */
        public static Allowed tightest(Collection<LimitStatus> statuses) {
            return new Allowed(tightest(statuses, LimitKind.REQUESTS), tightest(statuses, LimitKind.TOKENS));
        }

        private static Optional<LimitStatus> tightest(Collection<LimitStatus> statuses, LimitKind kind) {
            return statuses.stream().filter(s -> s.kind() == kind)
                    .min(Comparator.comparingLong(LimitStatus::remaining));
        }
    }

    /**
     * The request was refused and nothing was taken from any subject.
     *
     * @param subjectId the subject whose limit refused it (of several, the one with the longest wait)
     * @param kind the limit that refused it
     * @param limit that limit's value
     * @param retryAfter how long until the request would fit, at the current refill and without other traffic; the full
     *        minute when the request is larger than the tokens limit (it will never fit)
     * @param message a sentence for the client, such as "Rate limit of 60 requests per minute reached for key:key_abc;
     *        retry in 2 s."
     */
    record Denied(String subjectId, LimitKind kind, long limit, Duration retryAfter, String message)
            implements LimitDecision {
    }
}
