package dev.junction.upstream;

import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.provider.ProviderConfig;
import io.vertx.core.Future;

/**
 * Embeds texts at one kind of upstream. A separate ability from chat: not every provider has one. Implementations
 * are stateless and thread safe; calls run on the caller's event loop and never block.
 */
public interface EmbeddingAdapter {

    /**
     * Sends one attempt. Fails with an {@link UpstreamFailure} carrying a classified error.
     *
     * @param upstreamModel the model name the provider knows
     */
    Future<EmbeddingResponse> embed(EmbeddingRequest request, ProviderConfig provider, String upstreamModel,
                                    String requestId, Cancellation cancellation);
}
