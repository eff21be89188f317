package dev.junction.runtime;

import dev.junction.dialect.azure.AzureErrors;
import dev.junction.dialect.azure.AzurePlatform;
import dev.junction.dialect.cohere.CohereErrors;
import dev.junction.dialect.gemini.GeminiImageAdapter;
import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.dialect.openai.OpenAiImageAdapter;
import dev.junction.dialect.vertex.VertexAdapters;
import dev.junction.dialect.vertex.VertexPlatform;
import dev.junction.image.ImageAdapter;
import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import dev.junction.rerank.HttpRerankAdapter;
import dev.junction.rerank.RerankAdapter;
import dev.junction.rerank.RerankApi;
import dev.junction.secret.Redactor;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamFailure;
import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The adapters of the operations beyond chat and embeddings, chosen per provider: images by the provider's dialect
 * (OpenAI-compatible or Gemini) and platform (Azure OpenAI's URLs and errors, Vertex AI's), rerank by its {@code rerank_api} (else Cohere's for the Cohere dialect, Jina's
 * shape, which vLLM and most servers accept, otherwise). A provider without the ability gets an adapter that fails
 * with a clear 400. Immutable and thread safe.
 */
final class OperationAdapters {

    private final ImageAdapter openAiImages;
    private final ImageAdapter geminiImages;
    private final ImageAdapter azureImages;
    private final VertexAdapters vertex;
    private final Map<RerankApi, RerankAdapter> rerankers = new EnumMap<>(RerankApi.class);

    /**
     * @param azure where Azure OpenAI providers' attempts go
     * @param vertex the adapters of providers on Vertex AI
     */
    OperationAdapters(HttpUpstreamClient http, Redactor redactor, UpstreamEndpoint azure, VertexAdapters vertex) {
        this.openAiImages = new OpenAiImageAdapter(http, redactor);
        this.geminiImages = new GeminiImageAdapter(http, redactor);
        this.azureImages = new OpenAiImageAdapter(http, redactor, azure, AzureErrors::classify);
        this.vertex = vertex;
        for (RerankApi api : RerankApi.values()) {
            rerankers.put(api, new HttpRerankAdapter(http, redactor, api, api == RerankApi.COHERE
                    ? CohereErrors::classify : OpenAiErrors::classify));
        }
    }

    ImageAdapter images(ProviderConfig provider) {
        if (provider.platform() instanceof AzurePlatform) {
            return azureImages;
        }
        if (provider.platform() instanceof VertexPlatform) {
            return vertex.images(provider);
        }
        return switch (provider.dialect()) {
            case OPENAI_CHAT, OPENAI_RESPONSES -> openAiImages;
            case GEMINI -> geminiImages;
            default -> (request, p, model, requestId, trace, cancellation) -> unsupported(p, "images",
                    "an OpenAI-compatible or Gemini provider");
        };
    }

    RerankAdapter rerank(ProviderConfig provider) {
        Optional<RerankApi> configured = provider.operations().rerankApi().flatMap(RerankApi::ofName);
        if (configured.isPresent()) {
            return rerankers.get(configured.get());
        }
        return switch (provider.dialect()) {
            case COHERE -> rerankers.get(RerankApi.COHERE);
            case OPENAI_CHAT, OPENAI_RESPONSES -> rerankers.get(RerankApi.JINA);
            default -> (request, p, model, requestId, trace, cancellation) -> unsupported(p, "rerank",
                    "a provider with a rerank API (Cohere, Jina, Voyage, TEI, vLLM)");
        };
    }

    private static <T> Future<T> unsupported(ProviderConfig provider, String operation, String instead) {
        return Future.failedFuture(new UpstreamFailure(new GatewayError.InvalidRequest("The provider '"
                + provider.name() + "' has no " + operation + " API; route this model to " + instead + ".",
                Optional.of("model"), Optional.empty())));
    }
}
