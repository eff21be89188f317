package dev.junction.testkit;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Records every request and routes it by path to the {@link Wire} that speaks its format:
 *
 * <ul>
 *   <li>{@code /v1beta/…}: {@link GeminiWire};
 *   <li>{@code /model/…}: {@link BedrockWire};
 *   <li>{@code /v1/messages…}, and {@code /v1/models…} with an {@code anthropic-version} header:
 *       {@link AnthropicWire};
 *   <li>{@code /v1/responses…}: {@link ResponsesWire};
 *   <li>{@code /v2/rerank}, {@code /v1/rerank}, {@code /voyage/v1/rerank}, {@code /rerank}: {@link RerankWire};
 *   <li>{@code /v2/…}: {@link CohereWire}; {@code /api/…}: {@link OllamaWire};
 *   <li>{@code /openai/…}: {@link AzureWire}; {@code /{tenant}/oauth2/v2.0/token}: {@link EntraTokenWire};
 *   <li>{@code /v1/projects/…}: {@link VertexWire}, for the Google or the Anthropic publisher; {@code POST /token},
 *       Google's token endpoint, is answered there too but neither counted nor recorded;
 *   <li>{@code /v1/audio/…}: {@link OpenAiAudioWire} (uploads read as they arrive, never kept);
 *       {@code /v1/moderations} and {@code /v1/completions}: {@link LegacyWire};
 *   <li>{@code /v1/text-to-speech/…}: {@link ElevenLabsWire}; {@code /v1/listen}: {@link DeepgramWire} (the raw
 *       body read as it arrives);
 *   <li>everything else: {@link OpenAiWire} (chat, embeddings, images), which answers unknown paths with a 404.
 * </ul>
 *
 * Runs on an event loop and never blocks: delays are timers, files are read async.
 */
final class MockRequestHandler implements Handler<HttpServerRequest> {

    private final Vertx vertx;
    private final MockState state;
    private final Wire openAi;
    private final Wire anthropic;
    private final Wire gemini;
    private final Wire responses;
    private final VertexWire vertexGoogle;
    private final VertexWire vertexAnthropic;
    private final BedrockWire bedrock;
    private final Wire cohere;
    private final Wire rerank;
    private final Wire ollama;
    private final Wire azure;
    private final Wire entra;
    private final OpenAiAudioWire audio;
    private final Wire legacy;
    private final Wire elevenLabs;
    private final DeepgramWire deepgram;

    MockRequestHandler(Vertx vertx, MockState state) {
        this.vertx = vertx;
        this.state = state;
        Responder responder = new Responder(vertx, state);
        OpenAiWire openAiWire = new OpenAiWire(responder);
        this.openAi = openAiWire;
        AnthropicWire anthropicWire = new AnthropicWire(responder, state.signatures());
        GeminiWire geminiWire = new GeminiWire(responder, state.signatures(), state::received);
        this.anthropic = anthropicWire;
        this.gemini = geminiWire;
        this.vertexGoogle = new VertexWire(false, state.googleTokens(), geminiWire, anthropicWire, responder);
        this.vertexAnthropic = new VertexWire(true, state.googleTokens(), geminiWire, anthropicWire, responder);
        ResponsesWire responsesWire = new ResponsesWire(responder, state.signatures());
        this.responses = responsesWire;
        this.azure = new AzureWire(openAiWire, responsesWire, state.entraTokens());
        this.entra = new EntraTokenWire(state.entraTokens());
        this.bedrock = new BedrockWire(responder, state.signatures());
        this.cohere = new CohereWire(responder);
        this.rerank = new RerankWire(responder);
        this.ollama = new OllamaWire(responder);
        this.audio = new OpenAiAudioWire(state);
        this.legacy = new LegacyWire(state);
        this.elevenLabs = new ElevenLabsWire(state);
        this.deepgram = new DeepgramWire(state);
    }

    @Override
    public void handle(HttpServerRequest request) {
        if (request.path().equals(GoogleTokenEndpoint.PATH)) { // another server in reality: neither counted nor recorded
            request.body().onSuccess(body -> vertexGoogle.token(request, body));
            return;
        }
        long arrivalNanos = System.nanoTime();
        Wire wire = wireFor(request);
        // Token requests are the gateway's own business, counted apart (MockUpstream#entraTokenRequests).
        long sequence = wire == entra ? 0 : state.arrive();
        Exchange exchange = new Exchange(vertx, request, state, wire.headers(), sequence, arrivalNanos);
        if ((wire == audio && OpenAiAudioWire.uploads(request.path())) || wire == deepgram) {
            if (state.recordsRequests()) { // the file goes through a digest (see receivedAudio), not into the log
                state.record(new RecordedRequest(request.method().name(), request.uri(), headersOf(request), "",
                        MissingNode.getInstance(), request.version()));
            }
            if (wire == deepgram) {
                deepgram.serveUpload(request, exchange);
            } else {
                audio.serveUpload(request, exchange);
            }
            return;
        }
        request.body()
                .onSuccess(body -> dispatch(request, wire, exchange, body))
                .onFailure(_ -> exchange.cut());
    }

    private Wire wireFor(HttpServerRequest request) {
        String path = request.path();
        if (path.startsWith("/v1beta/")) {
            return gemini;
        }
        if (BedrockWire.serves(path)) {
            return bedrock;
        }
        if (path.equals("/v1/messages") || path.startsWith("/v1/messages/")) {
            return anthropic;
        }
        if (ResponsesWire.serves(path)) {
            return responses;
        }
        if (RerankWire.serves(path)) {
            return rerank;
        }
        if (CohereWire.serves(path)) {
            return cohere;
        }
        if (OllamaWire.serves(path)) {
            return ollama;
        }
        if (AzureWire.serves(path)) {
            return azure;
        }
        if (EntraTokenWire.serves(path)) {
            return entra;
        }
        if (OpenAiAudioWire.serves(path)) {
            return audio;
        }
        if (LegacyWire.serves(path)) {
            return legacy;
        }
        if (ElevenLabsWire.serves(path)) {
            return elevenLabs;
        }
        if (DeepgramWire.serves(path)) {
            return deepgram;
        }
        if (VertexWire.serves(path)) {
            return VertexWire.anthropicPath(path) ? vertexAnthropic : vertexGoogle;
        }
        boolean models = path.equals("/v1/models") || path.startsWith("/v1/models/");
        return models && request.headers().contains(AnthropicWire.VERSION_HEADER) ? anthropic : openAi;
    }

    private void dispatch(HttpServerRequest request, Wire wire, Exchange exchange, Buffer body) {
        JsonNode json = parse(body);
        if (state.recordsRequests() && wire != entra) {
            state.record(new RecordedRequest(
                    request.method().name(), request.uri(), headersOf(request), body.toString(), json,
                    request.version()));
        }
        if (wire == bedrock) {
            bedrock.serve(request, json, body, exchange); // the signature covers the bytes
        } else {
            wire.serve(request, body, json, exchange);
        }
    }

    private static JsonNode parse(Buffer body) {
        if (body.length() == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JsonText.MAPPER.readTree(body.getBytes());
        } catch (JacksonException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static Map<String, List<String>> headersOf(HttpServerRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.computeIfAbsent(header.getKey(), _ -> new ArrayList<>()).add(header.getValue());
        }
        return headers;
    }
}
