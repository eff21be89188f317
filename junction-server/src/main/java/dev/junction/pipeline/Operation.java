package dev.junction.pipeline;

import dev.junction.pricing.UnitUsage;
import dev.junction.routing.OperationKind;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.Route;
import dev.junction.routing.Routed;
import io.vertx.core.Future;
import java.util.OptionalInt;

/**
 * A validated request of one routed operation (a chat turn in any dialect, embeddings, …): what the shared stages need
 * to know of it, and the one part that differs per operation, running it on its route. Immutable.
 */
public interface Operation {

    /** What kind of operation this is: routing skips deployments that cannot serve it. Chat unless said otherwise. */
    default OperationKind kind() {
        return OperationKind.CHAT;
    }

    /**
     * What is asked, for metrics, traces and analytics: the {@link #kind}'s wire name ({@code chat}, {@code
     * embeddings}, {@code images}, …).
     */
    default String name() {
        return kind().wireName();
    }

    /**
     * The most the request may consume besides tokens (e.g. {@code n} images at the requested size and quality),
     * reserved by the budget stage; none for token-only operations. The operation records what was really consumed
     * on the request record ({@code exchange.record().units(…)}), which the cost stage prices.
     */
    default UnitUsage worstCaseUnits() {
        return UnitUsage.NONE;
    }

    /** The public model the client asked for. */
    String model();

    /** Whether the client asked for a stream. */
    boolean stream();

    /** An estimate of the input tokens; asked only when a limit or budget needs it (see {@link Exchange#inputTokens}). */
    long estimateInputTokens();

    /** The request's own cap on output tokens, when it set one (0 for operations that produce none). */
    OptionalInt maxOutputTokens();

    /** What routing needs to know of the request's size and needs. */
    RequestFacts facts();

    /**
     * Runs the request on {@code route}, with the route's failover, and produces the reply to write. The future fails
     * with a {@link dev.junction.routing.RouteFailure} when every step failed. Runs on the event loop; never blocks.
     */
    Future<Routed<Reply>> execute(Exchange exchange, Route route);
}
