package dev.junction.rerank;

import dev.junction.provider.ProviderConfig;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.Propagation;
import io.vertx.core.Future;

/**
 * Ranks documents at one kind of upstream. Implementations are stateless and thread safe; calls run on the caller's
 * event loop and never block.
 */
public interface RerankAdapter {

    /**
     * Sends one attempt. Fails with an {@link dev.junction.upstream.UpstreamFailure} carrying a classified error.
     *
     * @param upstreamModel the model name the provider knows
     */
    Future<RerankResponse> rerank(RerankRequest request, ProviderConfig provider, String upstreamModel,
                                  String requestId, Propagation trace, Cancellation cancellation);
}
