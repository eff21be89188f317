package dev.junction.routing;

import dev.junction.upstream.UpstreamReply;
import java.util.List;

/**
 * A route that produced a reply: the reply, the step that gave it, every attempt on the way, and what to call once
 * the reply has been delivered in full (a stream's end), so the deployment's in-flight count includes streaming time.
 * {@code delivered} may be called more than once; only the first call counts.
 */
public record RouteOutcome(UpstreamReply reply, Deployment step, List<AttemptRecord> attempts, Runnable delivered) {

    public RouteOutcome {
        attempts = List.copyOf(attempts);
    }
}
