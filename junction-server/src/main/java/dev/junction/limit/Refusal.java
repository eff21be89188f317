package dev.junction.limit;

import java.time.Duration;

/**
 * Why a subject cannot take a request, as both limiters find it.
 *
 * @param subjectId the subject
 * @param kind the limit that refuses
 * @param limit its value
 * @param waitMicros how long until the request would fit
 * @param tooLarge whether the request's tokens exceed the limit itself, so it will never fit
 */
record Refusal(String subjectId, LimitKind kind, long limit, long waitMicros, boolean tooLarge) {

    /** How long a refused request should wait for a concurrency slot: a hint, since slots free up unpredictably. */
    static final long CONCURRENCY_WAIT_MICROS = 1_000_000L;

    /** The decision to hand to the caller of a request estimated at {@code tokens}. */
    LimitDecision.Denied toDecision(long tokens) {
        Duration retryAfter = Statuses.ceilMillis(waitMicros);
        long seconds = Math.max(1, Math.ceilDiv(retryAfter.toMillis(), 1000));
        String message = switch (kind) {
            case REQUESTS -> "Rate limit of %d requests per minute reached for %s; retry in %d s."
                    .formatted(limit, subjectId, seconds);
            case TOKENS -> tooLarge
                    ? "This request needs an estimated %d tokens, more than the limit of %d tokens per minute for %s."
                            .formatted(tokens, limit, subjectId)
                    : "Rate limit of %d tokens per minute reached for %s; retry in %d s."
                            .formatted(limit, subjectId, seconds);
            case CONCURRENCY -> "Limit of %d concurrent requests reached for %s; retry in %d s."
                    .formatted(limit, subjectId, seconds);
        };
        return new LimitDecision.Denied(subjectId, kind, limit, retryAfter, message);
    }
}
