package dev.junction.audio;

import dev.junction.provider.ProviderConfig;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.Propagation;
import io.vertx.core.Future;

/**
 * Transcribes (or translates) an uploaded file at one kind of upstream, answering in OpenAI's format whatever the
 * upstream's. Each attempt reads the file from disk anew, so a failover resends it whole. Implementations are
 * stateless and thread safe; calls run on the caller's event loop and never block.
 */
public interface TranscriptionAdapter {

    /**
     * Sends one attempt. Fails with an {@link dev.junction.upstream.UpstreamFailure} carrying a classified error (a
     * 400 for what the upstream cannot do, such as a format it has no equivalent of).
     *
     * @param upstreamModel the model name the provider knows
     */
    Future<AudioAnswer> transcribe(TranscriptionRequest request, ProviderConfig provider, String upstreamModel,
                                   String requestId, Propagation trace, Cancellation cancellation);
}
