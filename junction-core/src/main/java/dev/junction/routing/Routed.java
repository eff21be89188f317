package dev.junction.routing;

import java.util.List;

/**
 * The result of a route that succeeded: the value the winning step produced, the step, and every attempt on the way.
 *
 * @param <T> what one attempt produces (a chat reply, embeddings, …)
 */
public record Routed<T>(T value, Deployment step, List<AttemptRecord> attempts) {

    public Routed {
        attempts = List.copyOf(attempts);
    }
}
