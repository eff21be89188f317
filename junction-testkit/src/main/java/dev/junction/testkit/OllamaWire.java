package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Ollama's native wire format (see {@code wire/others.md §3}); base URL {@link MockUpstream#rootUrl()}.
 *
 * <ul>
 *   <li>{@code POST /api/chat}: validated like Ollama does (not JSON, no {@code model}: 400
 *       {@code {"error": …}} without consuming a behaviour), then answered by the behaviour, see
 *       {@link OllamaFormat}; streamed as NDJSON unless {@code "stream": false}, as Ollama's default is.
 *   <li>{@code POST /api/embed}: deterministic vectors, see {@link OllamaEmbeddings}; consumes a behaviour.
 *   <li>anything else under {@code /api}: 404 {@code 404 page not found} as plain text, as Ollama's router sends.
 * </ul>
 */
final class OllamaWire implements Wire {

    static final CharSequence NDJSON = io.vertx.core.http.HttpHeaders.createOptimized("application/x-ndjson");

    private final Responder responder;

    OllamaWire(Responder responder) {
        this.responder = responder;
    }

    /** Whether a path belongs to this wire. */
    static boolean serves(String path) {
        return path.startsWith("/api/");
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.OLLAMA;
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        String path = request.path();
        boolean post = request.method() == HttpMethod.POST;
        if (post && (path.equals("/api/chat") || path.equals("/api/embed")) && !json.isObject()) {
            sendError(exchange, 400, "invalid character 'x' looking for beginning of value");
        } else if (post && (path.equals("/api/chat") || path.equals("/api/embed"))
                && json.path("model").asString("").isBlank()) {
            sendError(exchange, 400, "model is required");
        } else if (post && path.equals("/api/chat")) {
            OllamaFormat format = new OllamaFormat(json);
            responder.answer(exchange, format, format.lastUserText());
        } else if (post && path.equals("/api/embed")) {
            responder.answer(exchange, OllamaEmbeddings.of(json), "");
        } else {
            exchange.respond(404, "text/plain", Map.of(), Buffer.buffer("404 page not found"));
        }
    }

    static Buffer error(String message) {
        return JsonText.buffer(JsonText.MAPPER.createObjectNode().put("error", message));
    }

    /** The error Ollama typically sends with this status. */
    static String messageFor(int status, String model) {
        return switch (status) {
            case 400 -> "invalid request: rejected by the mock upstream";
            case 404 -> "model \"" + model + "\" not found, try pulling it first";
            default -> status >= 500 ? "llama runner process has terminated: exit status 2"
                    : "request failed (HTTP " + status + ")";
        };
    }

    private static void sendError(Exchange exchange, int status, String message) {
        exchange.respond(status, Exchange.APPLICATION_JSON, Map.of(), error(message));
    }
}
