package dev.junction.pipeline;

import io.vertx.core.Future;

/**
 * The stages after the current one, ending in the stage that executes the request. A stage calls {@link #proceed}
 * at most once; a second call is a programming error and fails with {@link IllegalStateException}.
 */
public interface Chain {

    /** Runs the rest of the chain and returns its reply. */
    Future<Reply> proceed(Exchange exchange);
}
