package dev.junction.pipeline;

import dev.junction.model.GatewayError;
import dev.junction.model.Usage;

/**
 * How a request ended, as every stage that handled it sees it in {@link Stage#finish}. {@link #usage} is what the
 * upstream reported up to that point (zero when no upstream answered).
 */
public sealed interface Outcome {

    /** The tokens used, as far as they are known. */
    Usage usage();

    /** The reply was delivered in full. */
    record Answered(int status, Usage usage) implements Outcome {
    }

    /**
     * The request failed with a typed error: a stage's refusal, the route's failure after retries and failover, or a
     * stream that broke after its first byte (the client then got the error in its dialect's stream frame).
     */
    record Failed(GatewayError error, Usage usage) implements Outcome {
    }

    /** The client went away before the reply was complete; the upstream request was stopped. */
    record ClientGone(Usage usage) implements Outcome {
    }

    /** The gateway cancelled the request ({@link Exchange#cancel}), for the reason given. */
    record Cancelled(String reason, Usage usage) implements Outcome {
    }
}
