package dev.junction.upstream;

import io.vertx.core.Future;

/**
 * Speaks to one kind of upstream. Implementations are stateless and thread safe; each call runs on the caller's
 * event loop and must not block.
 */
public interface ProviderAdapter {

    /**
     * Sends one attempt. The future succeeds with a complete body, or for streams once the first event has arrived
     * (until then nothing has reached the client, so the router may still fail over). It fails with an
     * {@link UpstreamFailure} carrying a classified error. When {@code call.cancellation()} fires, the adapter stops
     * the upstream request.
     */
    Future<UpstreamReply> send(UpstreamCall call);
}
