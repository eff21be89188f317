package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages wire format (see {@code wire/anthropic-messages.md}).
 *
 * <ul>
 *   <li>{@code POST /v1/messages}: requires an {@code anthropic-version} header; validated like Anthropic
 *       does (malformed JSON, missing {@code model}, missing or invalid {@code max_tokens}, missing
 *       {@code messages}, a {@code thinking} block with a signature the mock did not issue: 400
 *       {@code invalid_request_error} without consuming a behaviour), then answered by the behaviour.
 *   <li>{@code POST /v1/messages/count_tokens}: {@code {"input_tokens": n}}, the same estimate the
 *       messages endpoint reports; never consumes a behaviour.
 *   <li>{@code GET /v1/models} and {@code GET /v1/models/{id}} (routed here when an
 *       {@code anthropic-version} header is present): the mock model in Anthropic's shape.
 *   <li>anything else under {@code /v1/messages}: 404 {@code not_found_error}.
 * </ul>
 */
final class AnthropicWire implements Wire {

    /** The header every Anthropic request carries, and by which models requests are routed here. */
    static final String VERSION_HEADER = "anthropic-version";

    private static final String MODELS_PATH = "/v1/models";

    private final Responder responder;
    private final IssuedSignatures signatures;

    AnthropicWire(Responder responder, IssuedSignatures signatures) {
        this.responder = responder;
        this.signatures = signatures;
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.ANTHROPIC;
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        String path = request.path();
        boolean post = request.method() == HttpMethod.POST;
        if (request.method() == HttpMethod.GET && path.equals(MODELS_PATH)) {
            respond(exchange, modelList());
        } else if (request.method() == HttpMethod.GET && path.startsWith(MODELS_PATH + "/")) {
            respond(exchange, model(path.substring(MODELS_PATH.length() + 1)));
        } else if (post && path.equals("/v1/messages")) {
            messages(request, json, exchange);
        } else if (post && path.equals("/v1/messages/count_tokens")) {
            countTokens(request, json, exchange);
        } else {
            sendError(exchange, new AnthropicError(404, "not_found_error", "Not Found"));
        }
    }

    private void messages(HttpServerRequest request, JsonNode json, Exchange exchange) {
        Optional<AnthropicError> missing = missingVersion(request);
        if (missing.isPresent()) {
            sendError(exchange, missing.get());
            return;
        }
        answer(json, exchange);
    }

    /** Validates a Messages body (which names its model) and answers it, as Anthropic and Vertex AI's Claude do. */
    void answer(JsonNode json, Exchange exchange) {
        Optional<AnthropicError> invalid = AnthropicRequest.validate(json, true)
                .or(() -> AnthropicRequest.checkSignatures(json, signatures));
        if (invalid.isPresent()) {
            sendError(exchange, invalid.get());
            return;
        }
        AnthropicRequest parsed = AnthropicRequest.of(json);
        responder.answer(exchange, new AnthropicFormat(parsed, exchange.sequence(), signatures), parsed.lastUserText());
    }

    private static void countTokens(HttpServerRequest request, JsonNode json, Exchange exchange) {
        Optional<AnthropicError> invalid = missingVersion(request).or(() -> AnthropicRequest.validate(json, false));
        if (invalid.isPresent()) {
            sendError(exchange, invalid.get());
            return;
        }
        respond(exchange, JsonText.MAPPER.createObjectNode().put("input_tokens", AnthropicRequest.of(json).inputTokens()));
    }

    private static Optional<AnthropicError> missingVersion(HttpServerRequest request) {
        return request.headers().contains(VERSION_HEADER)
                ? Optional.empty()
                : Optional.of(AnthropicError.invalidRequest(VERSION_HEADER + ": header is required"));
    }

    private static ObjectNode modelList() {
        ObjectNode list = JsonText.MAPPER.createObjectNode();
        list.putArray("data").add(model("mock-model"));
        return list.put("has_more", false).put("first_id", "mock-model").put("last_id", "mock-model");
    }

    private static ObjectNode model(String id) {
        return JsonText.MAPPER.createObjectNode().put("type", "model").put("id", id)
                .put("display_name", "Mock Model").put("created_at", "2023-11-14T22:13:20Z");
    }

    private static void respond(Exchange exchange, ObjectNode body) {
        exchange.respond(200, Exchange.APPLICATION_JSON, Map.of(), JsonText.buffer(body));
    }

    private static void sendError(Exchange exchange, AnthropicError error) {
        Buffer body = error.body(exchange.sequence());
        exchange.respond(error.status(), Exchange.APPLICATION_JSON, Map.of(), body);
    }
}
