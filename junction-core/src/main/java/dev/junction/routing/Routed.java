package dev.junction.routing;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * The result of a route that succeeded: the value the winning step produced, the step, every attempt on the way,
 * and what to call, with the tokens the reply used, once the value has been delivered (see
 * {@link RouteOutcome#delivered}).
 *
 * @param <T> what one attempt produces (a chat reply, embeddings, …)
 */
public record Routed<T>(T value, Deployment step, List<AttemptRecord> attempts, LongConsumer delivered) {

    public Routed {
        attempts = List.copyOf(attempts);
    }
}
