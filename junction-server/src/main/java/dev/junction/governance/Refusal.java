package dev.junction.governance;

import dev.junction.limit.LimitDecision;
import dev.junction.model.GatewayError;
import java.util.Optional;

/**
 * Why the {@link Governor} turned a request away, as the error the client gets and, for a rate limit, the limit that
 * was hit (for the {@code x-ratelimit-*} headers). Carries no stack trace: it is an answer, not a fault.
 */
public final class Refusal extends RuntimeException {

    private final GatewayError error;
    private final Optional<LimitDecision.Denied> limit;

    public Refusal(GatewayError error, Optional<LimitDecision.Denied> limit) {
        super(error.message(), null, false, false);
        this.error = error;
        this.limit = limit;
    }

    /** The error to answer with, in the client's dialect. */
    public GatewayError error() {
        return error;
    }

    /** The rate limit that was hit, when that is why. */
    public Optional<LimitDecision.Denied> limit() {
        return limit;
    }
}
