package dev.junction.upstream;

import dev.junction.provider.ProviderConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * One attempt's request as an adapter prepared it, before its host places it ({@link UpstreamEndpoint}): which
 * resource of which model, the headers (the static credential of a provider served directly already among them, see
 * {@link UpstreamHeaders}), the exact bytes, and how a stream is framed. The headers are this request's own: the
 * endpoint sets the credential in them.
 *
 * @param resource what the request is for
 * @param model the upstream model (a deployment's name on Azure)
 * @param upload a body streamed from disk instead of {@code body} (transcriptions); never signed
 */
public record UpstreamRequest(UpstreamResource resource, String model, MultiMap headers, Buffer body, boolean stream,
                              StreamFraming framing, Optional<BodySource> upload) {

    /** A request of {@code body} whose stream, if any, is server-sent events. */
    public static UpstreamRequest of(UpstreamResource resource, String model, MultiMap headers, Buffer body,
                                     boolean stream) {
        return new UpstreamRequest(resource, model, headers, body, stream, StreamFraming.SSE, Optional.empty());
    }

    /** This request with its stream read in {@code framing}. */
    public UpstreamRequest framed(StreamFraming framing) {
        return new UpstreamRequest(resource, model, headers, body, stream, framing, upload);
    }

    /** This request sending {@code source} as its body, streamed, with the source's content type. */
    public UpstreamRequest uploading(BodySource source) {
        return new UpstreamRequest(resource, model, headers, Buffer.buffer(), stream, framing, Optional.of(source));
    }

    /** The exchange that sends this request to {@code url} at {@code provider}, with the headers as they are now. */
    public HttpUpstreamClient.Exchange to(String url, ProviderConfig provider) {
        HttpUpstreamClient.Exchange exchange = new HttpUpstreamClient.Exchange(url, headers, body, stream,
                provider.name(), provider.caBundle(), framing);
        return upload.map(exchange::uploading).orElse(exchange);
    }
}
