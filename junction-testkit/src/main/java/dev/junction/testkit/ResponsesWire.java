package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Responses API wire format (see {@code wire/openai-responses.md}).
 *
 * <ul>
 *   <li>{@code POST /v1/responses}: validated like OpenAI does (malformed JSON, a missing {@code model},
 *       an {@code input} of the wrong type, a replayed {@code reasoning} item whose
 *       {@code encrypted_content} the mock did not issue: 400 without consuming a behaviour), then answered
 *       by the behaviour, as a {@code response} object or its event stream ({@link ResponsesFormat}).
 *   <li>{@code POST /v1/responses/input_tokens}: {@code {"object":"response.input_tokens","input_tokens":n}},
 *       the estimate the responses endpoint reports; never consumes a behaviour.
 *   <li>anything else under {@code /v1/responses}: 404 {@code Invalid URL (METHOD /path)}.
 * </ul>
 */
final class ResponsesWire implements Wire {

    private final Responder responder;
    private final IssuedSignatures signatures;

    ResponsesWire(Responder responder, IssuedSignatures signatures) {
        this.responder = responder;
        this.signatures = signatures;
    }

    /** Whether a path belongs to this wire. */
    static boolean serves(String path) {
        return path.equals("/v1/responses") || path.startsWith("/v1/responses/");
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.OPENAI;
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        String path = request.path();
        boolean post = request.method() == HttpMethod.POST;
        if (post && path.equals("/v1/responses")) {
            create(json, exchange);
        } else if (post && path.equals("/v1/responses/input_tokens")) {
            inputTokens(json, exchange);
        } else {
            sendError(exchange, OpenAiError.invalidUrl(request.method().name(), path));
        }
    }

    /** Serves a {@code POST /v1/responses} (also on Azure's v1 path, see {@link AzureWire}). */
    void create(JsonNode json, Exchange exchange) {
        Optional<OpenAiError> invalid = ResponsesRequest.validate(json, signatures);
        if (invalid.isPresent()) {
            sendError(exchange, invalid.get());
            return;
        }
        ResponsesRequest request = ResponsesRequest.of(json);
        responder.answer(exchange, new ResponsesFormat(request, exchange.sequence(), signatures),
                request.lastUserText());
    }

    private void inputTokens(JsonNode json, Exchange exchange) {
        Optional<OpenAiError> invalid = ResponsesRequest.validate(json, signatures);
        if (invalid.isPresent()) {
            sendError(exchange, invalid.get());
            return;
        }
        exchange.respond(200, Exchange.APPLICATION_JSON, Map.of(), JsonText.buffer(JsonText.MAPPER.createObjectNode()
                .put("object", "response.input_tokens").put("input_tokens", ResponsesRequest.of(json).inputTokens())));
    }

    private static void sendError(Exchange exchange, OpenAiError error) {
        exchange.respond(error.status(), Exchange.APPLICATION_JSON, Map.of(), Buffer.buffer(error.toJson()));
    }
}
