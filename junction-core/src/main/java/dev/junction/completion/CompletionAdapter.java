package dev.junction.completion;

import dev.junction.provider.ProviderConfig;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.Propagation;
import io.vertx.core.Future;

/**
 * Completes prompts at one kind of upstream. Implementations are stateless and thread safe; calls run on the
 * caller's event loop and never block.
 */
public interface CompletionAdapter {

    /**
     * Sends one attempt; for a stream, succeeds once the first event has arrived (until then the route may still
     * fail over). Fails with an {@link dev.junction.upstream.UpstreamFailure} carrying a classified error.
     */
    Future<CompletionAnswer> complete(CompletionRequest request, ProviderConfig provider, String upstreamModel,
                                      String requestId, Propagation trace, Cancellation cancellation);
}
