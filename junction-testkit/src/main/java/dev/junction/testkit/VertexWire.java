package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google Vertex AI's wire format for one publisher (see {@code wire/others.md} and Google's Vertex AI reference);
 * base URL {@code http://host:port}.
 *
 * <ul>
 *   <li>{@code POST /token}: the OAuth2 token endpoint ({@link GoogleTokenEndpoint}), through {@link #token}
 *       (its body is a form).
 *   <li>{@code POST /v1/projects/{p}/locations/{l}/publishers/google/models/{m}:generateContent},
 *       {@code :streamGenerateContent}, {@code :countTokens}: as {@link GeminiWire} serves them.
 *   <li>{@code POST …/publishers/google/models/{m}:predict}: images for Imagen models ({@code imagen-*}, as
 *       {@link GeminiWire} serves them), text embeddings for the others ({@link VertexPredictions}); image output
 *       through {@code :generateContent} as the Gemini API gives it.
 *   <li>{@code POST …/publishers/anthropic/models/{m}:rawPredict} and {@code :streamRawPredict}: Anthropic's
 *       Messages body without {@code model} and with {@code anthropic_version: vertex-2023-10-16} (else 400
 *       {@code invalid_request_error}), then as {@link AnthropicWire} serves {@code /v1/messages}.
 * </ul>
 *
 * Every model path requires {@code Authorization: Bearer} with a token the token endpoint issued and that has not
 * expired: else 401 {@code UNAUTHENTICATED} in Google's envelope, as Vertex answers for either publisher.
 */
final class VertexWire implements Wire {

    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

    private static final Pattern MODEL_PATH = Pattern.compile(
            "/v1/projects/([^/]+)/locations/([^/]+)/publishers/(google|anthropic)/models/([^/:]+):([A-Za-z]+)");

    private final boolean anthropicPublisher;
    private final GoogleTokenEndpoint tokens;
    private final GeminiWire gemini;
    private final AnthropicWire anthropic;
    private final Responder responder;

    VertexWire(boolean anthropicPublisher, GoogleTokenEndpoint tokens, GeminiWire gemini, AnthropicWire anthropic,
               Responder responder) {
        this.anthropicPublisher = anthropicPublisher;
        this.tokens = tokens;
        this.gemini = gemini;
        this.anthropic = anthropic;
        this.responder = responder;
    }

    /** Whether {@code path} is one of Vertex's: a project's resources. */
    static boolean serves(String path) {
        return path.startsWith("/v1/projects/");
    }

    /** Whether {@code path} names a Claude model (the Anthropic publisher). */
    static boolean anthropicPath(String path) {
        return path.contains("/publishers/anthropic/");
    }

    @Override
    public WireHeaders headers() {
        return anthropicPublisher ? WireHeaders.ANTHROPIC : WireHeaders.GEMINI;
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        Matcher path = MODEL_PATH.matcher(request.path());
        if (request.method() != HttpMethod.POST || !path.matches()) {
            sendError(exchange, GeminiError.of(404, "Method not found.", "NOT_FOUND"));
            return;
        }
        String auth = request.getHeader("authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !tokens.valid(auth.substring("Bearer ".length()))) {
            sendError(exchange, GeminiError.of(401, "Request had invalid authentication credentials. Expected OAuth 2 "
                    + "access token, login cookie or other valid authentication credential.", "UNAUTHENTICATED"));
            return;
        }
        String model = URLDecoder.decode(path.group(4), StandardCharsets.UTF_8);
        String method = path.group(5);
        if (anthropicPublisher) {
            claude(model, method, json, exchange);
        } else if (method.equals("predict") && !model.startsWith("imagen-")) {
            predict(model, json, exchange);
        } else {
            gemini.method(request, model, method, json, exchange);
        }
    }

    /** Serves {@code POST /token}, whose body is a form, not JSON. */
    void token(HttpServerRequest request, Buffer body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.toString(StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String self = (request.isSSL() ? "https://" : "http://") + request.getHeader("host") + GoogleTokenEndpoint.PATH;
        Map.Entry<Integer, ObjectNode> answer = tokens.answer(form, self);
        request.response().setStatusCode(answer.getKey()).putHeader("content-type", "application/json; charset=utf-8")
                .end(JsonText.buffer(answer.getValue()));
    }

    private void claude(String model, String method, JsonNode json, Exchange exchange) {
        if (!method.equals("rawPredict") && !method.equals("streamRawPredict")) {
            sendError(exchange, GeminiError.of(404, "Method not found.", "NOT_FOUND"));
            return;
        }
        Optional<AnthropicError> invalid = !json.isObject() ? Optional.empty()
                : json.has("model") ? Optional.of(AnthropicError.invalidRequest("model: Extra inputs are not permitted"))
                : !ANTHROPIC_VERSION.equals(json.path("anthropic_version").asString(""))
                        ? Optional.of(AnthropicError.invalidRequest("anthropic_version: Input should be '"
                                + ANTHROPIC_VERSION + "'"))
                        : Optional.empty();
        if (invalid.isPresent()) {
            exchange.respond(400, Exchange.APPLICATION_JSON, Map.of(), invalid.get().body(exchange.sequence()));
            return;
        }
        JsonNode messages = json;
        if (json.isObject()) {
            ObjectNode copy = ((ObjectNode) json).deepCopy();
            copy.remove("anthropic_version");
            messages = copy.put("model", model);
        }
        anthropic.answer(messages, exchange);
    }

    private void predict(String model, JsonNode json, Exchange exchange) {
        Optional<GeminiError> invalid = VertexPredictions.validate(model, json);
        if (invalid.isPresent()) {
            sendError(exchange, invalid.get());
            return;
        }
        responder.answer(exchange, new VertexPredictions(model, json), "");
    }

    private static void sendError(Exchange exchange, GeminiError error) {
        exchange.respond(error.code(), Exchange.GOOGLE_JSON, Map.of(), error.body(false));
    }
}
