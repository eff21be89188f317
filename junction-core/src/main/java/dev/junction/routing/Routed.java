package dev.junction.routing;

import java.util.List;

/**
 * The result of a route that succeeded: the value the winning step produced, the step, every attempt on the way,
 * and what to call once the value has been delivered (see {@link RouteOutcome#delivered}).
 *
 * @param <T> what one attempt produces (a chat reply, embeddings, …)
 */
public record Routed<T>(T value, Deployment step, List<AttemptRecord> attempts, Runnable delivered) {

    public Routed {
        attempts = List.copyOf(attempts);
    }
}
