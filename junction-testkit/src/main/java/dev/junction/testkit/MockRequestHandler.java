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
 *   <li>everything else: {@link OpenAiWire}, which answers unknown paths with a 404.
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
    private final BedrockWire bedrock;

    MockRequestHandler(Vertx vertx, MockState state) {
        this.vertx = vertx;
        this.state = state;
        Responder responder = new Responder(vertx, state);
        this.openAi = new OpenAiWire(responder);
        this.anthropic = new AnthropicWire(responder, state.signatures());
        this.gemini = new GeminiWire(responder, state.signatures());
        this.responses = new ResponsesWire(responder, state.signatures());
        this.bedrock = new BedrockWire(responder, state.signatures());
    }

    @Override
    public void handle(HttpServerRequest request) {
        long arrivalNanos = System.nanoTime();
        long sequence = state.arrive();
        Wire wire = wireFor(request);
        Exchange exchange = new Exchange(vertx, request, state, wire.headers(), sequence, arrivalNanos);
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
        boolean models = path.equals("/v1/models") || path.startsWith("/v1/models/");
        return models && request.headers().contains(AnthropicWire.VERSION_HEADER) ? anthropic : openAi;
    }

    private void dispatch(HttpServerRequest request, Wire wire, Exchange exchange, Buffer body) {
        JsonNode json = parse(body);
        if (state.recordsRequests()) {
            state.record(new RecordedRequest(
                    request.method().name(), request.uri(), headersOf(request), body.toString(), json,
                    request.version()));
        }
        if (wire == bedrock) {
            bedrock.serve(request, json, body, exchange); // the signature covers the bytes
        } else {
            wire.serve(request, json, exchange);
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
