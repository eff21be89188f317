package dev.junction.moderation;

import dev.junction.provider.ProviderConfig;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.Propagation;
import io.vertx.core.Future;
import tools.jackson.databind.node.ObjectNode;

/**
 * Classifies texts and images at one kind of upstream. Implementations are stateless and thread safe; calls run on
 * the caller's event loop and never block.
 */
public interface ModerationAdapter {

    /**
     * Sends one attempt; yields the upstream's answer in OpenAI's format. Fails with an
     * {@link dev.junction.upstream.UpstreamFailure} carrying a classified error.
     */
    Future<ObjectNode> moderate(ModerationRequest request, ProviderConfig provider, String upstreamModel,
                                String requestId, Propagation trace, Cancellation cancellation);
}
