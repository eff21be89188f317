package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Cohere's v2 wire format (see {@code wire/others.md §4}); base URL {@link MockUpstream#rootUrl()}.
 *
 * <ul>
 *   <li>{@code POST /v2/chat}: validated like Cohere does (a body that is not JSON, a missing {@code model}, no
 *       {@code messages}: 400 {@code {"message": …}} without consuming a behaviour), then answered by the
 *       behaviour, see {@link CohereFormat}.
 *   <li>{@code POST /v2/embed}: deterministic vectors as {@code embeddings.float}, see {@link CohereEmbeddings};
 *       consumes a behaviour.
 *   <li>anything else under {@code /v2}: 404 {@code {"message": …}}.
 * </ul>
 */
final class CohereWire implements Wire {

    private final Responder responder;

    CohereWire(Responder responder) {
        this.responder = responder;
    }

    /** Whether a path belongs to this wire. */
    static boolean serves(String path) {
        return path.startsWith("/v2/");
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.COHERE;
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        String path = request.path();
        if (request.method() == HttpMethod.POST && path.equals("/v2/chat")) {
            Optional<String> invalid = invalidChat(json);
            if (invalid.isPresent()) {
                sendError(exchange, 400, invalid.get());
                return;
            }
            CohereFormat format = new CohereFormat(json, exchange.sequence());
            responder.answer(exchange, format, format.lastUserText());
        } else if (request.method() == HttpMethod.POST && path.equals("/v2/embed")) {
            Optional<String> invalid = CohereEmbeddings.validate(json);
            if (invalid.isPresent()) {
                sendError(exchange, 400, invalid.get());
                return;
            }
            responder.answer(exchange, CohereEmbeddings.of(json), "");
        } else {
            sendError(exchange, 404, "path not found: " + request.method().name() + " " + path);
        }
    }

    private static Optional<String> invalidChat(JsonNode json) {
        if (!json.isObject()) {
            return Optional.of("invalid request: unable to parse the request body as JSON");
        }
        if (!json.path("model").isString() || json.path("model").stringValue().isBlank()) {
            return Optional.of("invalid request: model is required");
        }
        if (!json.path("messages").isArray() || json.path("messages").isEmpty()) {
            return Optional.of("invalid request: messages must contain at least one message");
        }
        return Optional.empty();
    }

    static Buffer error(String message) {
        return JsonText.buffer(JsonText.MAPPER.createObjectNode().put("message", message));
    }

    /** The message Cohere typically sends with this status. */
    static String messageFor(int status, String model) {
        return switch (status) {
            case 400 -> "invalid request: rejected by the mock upstream.";
            case 401 -> "invalid api token";
            case 404 -> "model '" + model + "' not found, make sure the correct model ID was used and that you have"
                    + " access to the model.";
            case 429 -> "You are using a Trial key, which is limited to 10 API calls / minute. You can continue to use"
                    + " the Trial key for free or upgrade to a Production key with higher rate limits.";
            default -> status >= 500 ? "internal server error, this has been reported to our developers."
                    : "request failed (HTTP " + status + ")";
        };
    }

    private static void sendError(Exchange exchange, int status, String message) {
        exchange.respond(status, Exchange.APPLICATION_JSON, Map.of(), error(message));
    }
}
