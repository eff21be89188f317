package dev.junction.audio;

import dev.junction.provider.ProviderConfig;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.Propagation;
import io.vertx.core.Future;

/**
 * Turns text into speech at one kind of upstream. Implementations are stateless and thread safe; calls run on the
 * caller's event loop and never block.
 */
public interface SpeechAdapter {

    /**
     * Sends one attempt; succeeds once the upstream's answer has begun (its head arrived with a 2xx), its audio then
     * relayed as it comes. Fails with an {@link dev.junction.upstream.UpstreamFailure} carrying a classified error.
     *
     * @param upstreamModel the model name the provider knows
     */
    Future<AudioAnswer> speak(SpeechRequest request, ProviderConfig provider, String upstreamModel, String requestId,
                              Propagation trace, Cancellation cancellation);
}
