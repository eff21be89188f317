package dev.junction.routing;

import dev.junction.upstream.UpstreamReply;
import java.util.List;

/** A route that produced a reply: the reply, the step that gave it, and every attempt on the way. */
public record RouteOutcome(UpstreamReply reply, Deployment step, List<AttemptRecord> attempts) {

    public RouteOutcome {
        attempts = List.copyOf(attempts);
    }
}
