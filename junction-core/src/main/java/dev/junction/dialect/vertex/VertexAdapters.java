package dev.junction.dialect.vertex;

import dev.junction.dialect.anthropic.AnthropicProviderAdapter;
import dev.junction.dialect.gemini.GeminiImageAdapter;
import dev.junction.dialect.gemini.GeminiProviderAdapter;
import dev.junction.image.ImageAdapter;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.BearerTokens;
import dev.junction.upstream.EmbeddingAdapter;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.MediaFetcher;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;

/**
 * The adapters of providers hosted on Vertex AI: the Gemini and Anthropic dialects' own adapters (fast path and
 * canonical path alike) sending through the {@link VertexEndpoint}, its tokens from the server's {@link BearerTokens}
 * (Claude's body in the {@link VertexClaudeEnvelope}). One per runtime;
 * thread safe.
 */
public final class VertexAdapters {

    private final ProviderAdapter gemini;
    private final ProviderAdapter anthropic;
    private final EmbeddingAdapter embeddings;
    private final ImageAdapter images;
    private final VertexEndpoint endpoint;

    /** @param registry the server's token sources, kept across configuration reloads */
    public VertexAdapters(Vertx vertx, HttpUpstreamClient http, MediaFetcher media, Redactor redactor,
                          BearerTokens registry) {
        this.endpoint = new VertexEndpoint(new VertexTokenSources(vertx, registry, Clock.systemUTC()));
        this.gemini = new GeminiProviderAdapter(http, media, redactor, endpoint);
        this.anthropic = new AnthropicProviderAdapter(http, redactor, endpoint, new VertexClaudeEnvelope());
        this.embeddings = new VertexEmbeddingAdapter(http, redactor, endpoint);
        this.images = new GeminiImageAdapter(http, redactor, endpoint);
    }

    /** Where the Vertex providers' attempts go, and their Google tokens. */
    public UpstreamEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The chat adapter of a provider whose platform is {@link VertexPlatform}; its dialect is Gemini or Anthropic (the
     * configuration reader admits no other).
     */
    public ProviderAdapter chat(ProviderConfig provider) {
        return provider.dialect() == Dialect.ANTHROPIC ? anthropic : gemini;
    }

    /**
     * The embedding adapter of a Vertex provider: Google's text and Gemini embedding models through {@code :predict};
     * a Claude provider has none, and says so in the caller's error.
     */
    public EmbeddingAdapter embeddings(ProviderConfig provider) {
        return provider.dialect() == Dialect.ANTHROPIC ? NO_EMBEDDINGS : embeddings;
    }

    /**
     * The image adapter of a Vertex provider: Imagen through {@code :predict} and Gemini image output through
     * {@code :generateContent}; a Claude provider has none, and says so in the caller's error.
     */
    public ImageAdapter images(ProviderConfig provider) {
        return provider.dialect() == Dialect.ANTHROPIC ? NO_IMAGES : images;
    }

    private static final ImageAdapter NO_IMAGES = (request, provider, model, requestId, trace, cancellation) ->
            Future.failedFuture(new UpstreamFailure(new GatewayError.InvalidRequest("The provider '"
                    + provider.name() + "' serves Claude on Vertex AI, which makes no images; route this model to "
                    + "a Gemini provider on Vertex AI.", Optional.of("model"), Optional.empty())));

    private static final EmbeddingAdapter NO_EMBEDDINGS = (request, provider, model, requestId, cancellation) ->
            Future.failedFuture(new UpstreamFailure(new GatewayError.InvalidRequest("The provider '"
                    + provider.name() + "' serves Claude on Vertex AI, which has no embeddings; route this model to "
                    + "a Gemini provider on Vertex AI.", Optional.of("model"), Optional.empty())));
}
