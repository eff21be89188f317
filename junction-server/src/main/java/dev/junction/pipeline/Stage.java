package dev.junction.pipeline;

import io.vertx.core.Future;

/**
 * One concern of the data plane's request path (authentication, limits, budgets, the request log, routing …), in the
 * manner of OkHttp's interceptor: a stage gets the {@link Exchange} and the rest of the {@link Chain}, and either
 * passes the request on with {@link Chain#proceed} (at most once) and returns what came back, possibly changed, or
 * answers itself by returning a {@link Reply} without proceeding: a cache hit, a {@link Reply.Refused refusal}. A stage
 * never short-circuits by throwing; a future that fails anyway is answered as an internal error.
 *
 * <p><b>Outcome.</b> Every stage whose {@link #handle} ran gets {@link #finish} exactly once, after the request is
 * over (its response ended, or the client left) and after its own {@code handle} future completed, with how it ended:
 * answered, failed with a typed error (a refusal, the route's failure after retries, a stream that broke), the client
 * gone, or cancelled. Stages finish inner first, in the reverse of their order. Whatever a stage holds (a limit slot, a
 * budget reservation) it gives back in {@code finish}.
 *
 * <p><b>Streams.</b> A streamed chat answer is a {@link Reply.Chat}; a stage that wants to see or change its events
 * returns {@code chat.through(transform)}; the events then pass through every such {@link StreamTransform} in order,
 * one at a time, never buffered.
 *
 * <p><b>Threading.</b> {@code handle}, {@code finish} and stream transforms run on the request's event loop and must
 * never block: no lock waits, no file or database I/O. Work elsewhere (Redis, a database thread) completes a future
 * that is brought back to the request's context ({@link Exchange#context}). Stages are shared by all requests and
 * must keep per-request state in the exchange ({@link Exchange#attach}).
 */
public interface Stage {

    /** Handles the request: proceeds with {@code chain} at most once, or answers itself. */
    Future<Reply> handle(Exchange exchange, Chain chain);

    /** Called once when the request is over; the default does nothing. Must not throw. */
    default void finish(Exchange exchange, Outcome outcome) {
    }
}
