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

    /**
     * As {@link #embed(EmbeddingRequest, ProviderConfig, String, String, Cancellation)}, the upstream request carrying
     * {@code trace}'s headers. Adapters that call no HTTP upstream ignore it (the default).
     */
    default Future<EmbeddingResponse> embed(EmbeddingRequest request, ProviderConfig provider, String upstreamModel,
                                            String requestId, Propagation trace, Cancellation cancellation) {
        return embed(request, provider, upstreamModel, requestId, cancellation);
    }
}
