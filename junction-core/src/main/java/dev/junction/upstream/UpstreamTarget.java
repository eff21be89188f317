package dev.junction.upstream;

import dev.junction.provider.ProviderConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/**
 * Where one attempt's request goes and the credential it carries, settled just before it is sent: the provider's
 * base URL plus the operation's path for servers reached directly ({@link #DIRECT}; the static key is already in the
 * headers, see {@link UpstreamHeaders}), or a cloud platform's URL scheme and tokens. Implementations never block;
 * the returned future completes on the caller's context, so that the request is sent from the event loop that
 * serves the client.
 */
@FunctionalInterface
public interface UpstreamTarget {

    /** The provider's base URL and the credential {@link UpstreamHeaders} set. */
    UpstreamTarget DIRECT = (provider, operation, upstreamModel, headers) ->
            Future.succeededFuture(provider.baseUrl() + operation.path());

    /** The operations of OpenAI's APIs, by their path under an OpenAI base URL. */
    enum Operation {
        CHAT("/chat/completions"),
        EMBEDDINGS("/embeddings"),
        RESPONSES("/responses"),
        SPEECH("/audio/speech"),
        TRANSCRIPTIONS("/audio/transcriptions"),
        TRANSLATIONS("/audio/translations"),
        MODERATIONS("/moderations"),
        COMPLETIONS("/completions");

        private final String path;

        Operation(String path) {
            this.path = path;
        }

        /** The path under an OpenAI-style base URL ({@code /chat/completions}). */
        public String path() {
            return path;
        }
    }

    /**
     * The URL of {@code operation} for {@code upstreamModel} at {@code provider}; may set the credential in
     * {@code headers}. Fails with an {@link UpstreamFailure} when no credential can be had.
     */
    Future<String> locate(ProviderConfig provider, Operation operation, String upstreamModel, MultiMap headers);
}
