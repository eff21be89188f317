package dev.junction.routing;

import dev.junction.upstream.UpstreamReply;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A route that produced a reply: the reply, the step that gave it, every attempt on the way, and what to call once
 * the reply has been delivered in full (a stream's end), with the tokens it used (input and output), so the
 * deployment's in-flight count includes streaming time and its TPM counts the real usage rather than the estimate.
 * {@code delivered} may be called more than once; only the first call counts.
 */
public record RouteOutcome(UpstreamReply reply, Deployment step, List<AttemptRecord> attempts,
                           LongConsumer delivered) {

    public RouteOutcome {
        attempts = List.copyOf(attempts);
    }
}
