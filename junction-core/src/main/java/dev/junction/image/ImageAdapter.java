package dev.junction.image;

import dev.junction.provider.ProviderConfig;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.Propagation;
import io.vertx.core.Future;

/**
 * Makes images at one kind of upstream. A separate ability from chat: not every provider has one. Implementations are
 * stateless and thread safe; calls run on the caller's event loop and never block.
 */
public interface ImageAdapter {

    /**
     * Sends one attempt. Fails with an {@link dev.junction.upstream.UpstreamFailure} carrying a classified error.
     * Streams only when the request asks for one and the upstream can stream; otherwise answers at once.
     *
     * @param upstreamModel the model name the provider knows
     */
    Future<ImageReply> images(ImageRequest request, ProviderConfig provider, String upstreamModel, String requestId,
                              Propagation trace, Cancellation cancellation);
}
