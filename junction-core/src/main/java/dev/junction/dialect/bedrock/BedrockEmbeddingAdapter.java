package dev.junction.dialect.bedrock;

import dev.junction.json.Json;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.EmbeddingAdapter;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamHeaders;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Embeddings on Bedrock through InvokeModel ({@code POST /model/{modelId}/invoke}): Amazon Titan Text Embeddings, one
 * call per input (Titan takes one text), and Cohere Embed, one call for the batch (see {@link BedrockEmbeddings}).
 * Each call is authenticated like chat; errors are Bedrock's. A model of another family is refused with a 400 naming
 * the families served. Stateless; thread safe.
 */
public final class BedrockEmbeddingAdapter implements EmbeddingAdapter {

    private final HttpUpstreamClient http;
    private final UpstreamEndpoint endpoint;
    private final Redactor redactor;

    /** @param endpoint Bedrock's URLs and credentials ({@link BedrockEndpoint}) */
    public BedrockEmbeddingAdapter(HttpUpstreamClient http, UpstreamEndpoint endpoint, Redactor redactor) {
        this.http = http;
        this.endpoint = endpoint;
        this.redactor = redactor;
    }

    @Override
    public Future<EmbeddingResponse> embed(EmbeddingRequest request, ProviderConfig provider, String upstreamModel,
                                           String requestId, Cancellation cancellation) {
        return embed(request, provider, upstreamModel, requestId, Propagation.NONE, cancellation);
    }

    @Override
    public Future<EmbeddingResponse> embed(EmbeddingRequest request, ProviderConfig provider, String upstreamModel,
                                           String requestId, Propagation trace, Cancellation cancellation) {
        Optional<BedrockEmbeddings.Family> family = BedrockEmbeddings.family(upstreamModel);
        if (family.isEmpty()) {
            return Future.failedFuture(new UpstreamFailure(new GatewayError.InvalidRequest("The model '"
                    + upstreamModel + "' is not an embedding model this gateway serves on Bedrock (amazon.titan-embed-"
                    + "text-*, cohere.embed-*).", Optional.of("model"), Optional.empty())));
        }
        Call call = body -> endpoint.open(provider, BedrockEndpoint.request("invoke", upstreamModel,
                        UpstreamHeaders.of(provider, requestId, false, trace, upstreamModel), Json.bytes(body), false,
                        EventStreamFraming.CONVERSE))
                .compose(exchange -> http.send(exchange, provider.timeouts(), cancellation));
        try {
            return family.get() == BedrockEmbeddings.Family.TITAN ? titan(request, provider, upstreamModel, call)
                    : call.post(BedrockEmbeddings.cohere(request, upstreamModel)).compose(reply -> read(reply, provider,
                            json -> new EmbeddingResponse(upstreamModel, BedrockEmbeddings.cohereVectors(json,
                                    request.inputs().size()), inputTokens(reply))));
        } catch (GatewayException e) {
            return Future.failedFuture(new UpstreamFailure(e.error()));
        }
    }

    private Future<EmbeddingResponse> titan(EmbeddingRequest request, ProviderConfig provider, String model,
                                            Call call) {
        List<Future<JsonNode>> replies = new ArrayList<>();
        for (String input : request.inputs()) {
            replies.add(call.post(BedrockEmbeddings.titan(input, request))
                    .compose(reply -> read(reply, provider, Function.identity())));
        }
        return Future.all(replies).map(all -> {
            List<float[]> vectors = new ArrayList<>();
            long tokens = 0;
            for (int i = 0; i < replies.size(); i++) {
                JsonNode reply = all.resultAt(i);
                vectors.add(BedrockEmbeddings.titanVector(reply));
                tokens += BedrockEmbeddings.titanTokens(reply);
            }
            return new EmbeddingResponse(model, vectors, tokens);
        }).recover(t -> Future.failedFuture(t instanceof GatewayException e ? new UpstreamFailure(e.error()) : t));
    }

    private <T> Future<T> read(HttpUpstreamClient.Reply reply, ProviderConfig provider, Function<JsonNode, T> parse) {
        return JsonReplies.read(reply, provider.name(), (status, body, retryAfter, name, r) -> BedrockErrors.classify(
                status, Optional.empty(), body, retryAfter, name, r), redactor, parse);
    }

    /** Bedrock's {@code X-Amzn-Bedrock-Input-Token-Count} header, 0 when absent. */
    private static long inputTokens(HttpUpstreamClient.Reply reply) {
        if (reply instanceof HttpUpstreamClient.Reply.Body b) {
            String count = b.headers().get("x-amzn-bedrock-input-token-count");
            try {
                return count == null ? 0 : Long.parseLong(count.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    @FunctionalInterface
    private interface Call {
        Future<HttpUpstreamClient.Reply> post(tools.jackson.databind.node.ObjectNode body);
    }
}
