package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure OpenAI's paths (see {@code wire/others.md §1}), answered with OpenAI's bodies plus Azure's filter results
 * ({@link AzureFormat}):
 *
 * <ul>
 *   <li>{@code POST /openai/deployments/{deployment}/chat/completions?api-version=…}, {@code …/embeddings} and
 *       {@code …/images/generations}, {@code …/images/edits} (a multipart form), as OpenAI's Images API: the
 *       deployment is the model; without {@code api-version} a 404 {@code Resource not found}, with one that is not
 *       a version a 400 {@code API version not supported}, as Azure answers;
 *   <li>{@code POST /openai/v1/chat/completions}, {@code /openai/v1/embeddings}, {@code /openai/v1/responses},
 *       {@code /openai/v1/images/generations} and {@code /openai/v1/images/edits}: the
 *       body's {@code model} names the deployment; no {@code api-version} needed;
 *   <li>anything else under {@code /openai/}: 404 {@code Resource not found}.
 * </ul>
 *
 * Every call needs an {@code api-key} header (any non-empty key) or {@code Authorization: Bearer} with a token the
 * mock's Entra ID endpoint issued ({@link EntraTokens}); else a 401 in Azure's shape. Validation failures consume no
 * behaviour.
 */
final class AzureWire implements Wire {

    private static final Pattern DEPLOYMENT = Pattern.compile(
            "/openai/deployments/([^/]+)/(chat/completions|embeddings|images/generations|images/edits)");
    private static final Pattern V1_IMAGES = Pattern.compile("/openai/v1/images/(generations|edits)");
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?|v1|latest|preview");

    private final OpenAiWire openAi;
    private final ResponsesWire responses;
    private final EntraTokens tokens;

    AzureWire(OpenAiWire openAi, ResponsesWire responses, EntraTokens tokens) {
        this.openAi = openAi;
        this.responses = responses;
        this.tokens = tokens;
    }

    /** Whether a path belongs to this wire. */
    static boolean serves(String path) {
        return path.startsWith("/openai/");
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.OPENAI;
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        serve(request, Buffer.buffer(), json, exchange);
    }

    @Override
    public void serve(HttpServerRequest request, Buffer raw, JsonNode json, Exchange exchange) {
        String path = request.path();
        Matcher deployment = DEPLOYMENT.matcher(path);
        boolean post = request.method() == HttpMethod.POST;
        if (post && deployment.matches()) {
            String version = request.getParam("api-version");
            if (version == null || version.isEmpty()) {
                error(exchange, 404, "404", "Resource not found");
            } else if (!API_VERSION.matcher(version).matches()) {
                error(exchange, 400, "BadRequest", "API version not supported");
            } else if (authorized(request, exchange)) {
                Optional<JsonNode> body = withModel(json, deployment.group(1));
                if (deployment.group(2).startsWith("images/")) { // an edit's body is a form
                    openAi.images(request, deployment.group(2).substring("images/".length()), raw,
                            body.orElse(json), exchange);
                } else if (body.isEmpty()) {
                    openAi.sendError(exchange, OpenAiError.invalidJson());
                } else if (deployment.group(2).equals("embeddings")) {
                    openAi.embeddings(exchange, body.get());
                } else {
                    openAi.chatCompletion(exchange, body.get(), AzureFormat::new);
                }
            }
        } else if (post && path.equals("/openai/v1/chat/completions")) {
            if (authorized(request, exchange)) {
                openAi.chatCompletion(exchange, json, AzureFormat::new);
            }
        } else if (post && V1_IMAGES.matcher(path).matches()) {
            if (authorized(request, exchange)) {
                openAi.images(request, path.substring("/openai/v1/images/".length()), raw, json, exchange);
            }
        } else if (post && path.equals("/openai/v1/embeddings")) {
            if (authorized(request, exchange)) {
                openAi.embeddings(exchange, json);
            }
        } else if (post && path.equals("/openai/v1/responses")) {
            if (authorized(request, exchange)) {
                responses.create(json, exchange);
            }
        } else {
            error(exchange, 404, "404", "Resource not found");
        }
    }

    /** The body with the deployment as its model, which Azure ignores in the body; empty when it is not JSON. */
    private static Optional<JsonNode> withModel(JsonNode json, String deployment) {
        if (!(json instanceof ObjectNode object)) {
            return Optional.empty();
        }
        ObjectNode copy = object.deepCopy();
        copy.put("model", deployment);
        return Optional.of(copy);
    }

    private boolean authorized(HttpServerRequest request, Exchange exchange) {
        String key = request.getHeader("api-key");
        if (key != null && !key.isBlank()) {
            return true;
        }
        String authorization = request.getHeader("authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            if (tokens.valid(authorization.substring(7))) {
                return true;
            }
            error(exchange, 401, "401", "Unauthorized. Access token is missing, invalid, audience is incorrect "
                    + "(https://cognitiveservices.azure.com), or have expired.");
            return false;
        }
        error(exchange, 401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure "
                + "to provide a valid key for an active subscription and use a correct regional API endpoint for "
                + "your resource.");
        return false;
    }

    private static void error(Exchange exchange, int status, String code, String message) {
        ObjectNode body = JsonText.MAPPER.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        exchange.respond(status, Exchange.APPLICATION_JSON, Map.of(), JsonText.buffer(body));
    }
}
