package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Microsoft Entra ID's token endpoint for the client-credentials flow: {@code POST /{tenant}/oauth2/v2.0/token}
 * with a form-encoded body ({@code grant_type=client_credentials}, {@code client_id}, {@code client_secret},
 * {@code scope}), answering {@code {"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,
 * "access_token":"…"}} or the identity platform's errors ({@code invalid_client} 401, {@code invalid_scope},
 * {@code unsupported_grant_type}, {@code invalid_request} 400, with their {@code AADSTS} codes). Every request is
 * counted ({@link EntraTokens}); none consumes a behaviour.
 */
final class EntraTokenWire implements Wire {

    private static final String SCOPE = "https://cognitiveservices.azure.com/.default";

    private final EntraTokens tokens;

    EntraTokenWire(EntraTokens tokens) {
        this.tokens = tokens;
    }

    /** Whether a path is a tenant's token endpoint. */
    static boolean serves(String path) {
        return path.matches("/[^/]+/oauth2/v2\\.0/token");
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.GEMINI; // no request id or rate-limit headers, as the identity platform
    }

    /** Serves a token request as if its form were empty. */
    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        serve(request, Buffer.buffer(), json, exchange);
    }

    /** Serves one token request from its form-encoded body. */
    @Override
    public void serve(HttpServerRequest request, Buffer body, JsonNode json, Exchange exchange) {
        tokens.requested();
        if (request.method() != HttpMethod.POST) {
            error(exchange, 405, "invalid_request", 900561, "The endpoint only accepts POST requests.");
            return;
        }
        Map<String, String> form = form(body.toString(StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            error(exchange, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
        } else if (form.getOrDefault("client_id", "").isEmpty()) {
            error(exchange, 400, "invalid_request", 900144, "The request body must contain the parameter: "
                    + "'client_id'.");
        } else if (!SCOPE.equals(form.get("scope"))) {
            error(exchange, 400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is "
                    + "not valid.");
        } else if (!tokens.accepts(form.getOrDefault("client_secret", ""))) {
            error(exchange, 401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret "
                    + "being sent in the request is the client secret value, not the client secret ID.");
        } else {
            int lifetime = tokens.expiresInSeconds();
            ObjectNode reply = JsonText.MAPPER.createObjectNode().put("token_type", "Bearer")
                    .put("expires_in", lifetime).put("ext_expires_in", lifetime)
                    .put("access_token", tokens.issue());
            exchange.respond(200, Exchange.APPLICATION_JSON, Map.of(), JsonText.buffer(reply));
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void error(Exchange exchange, int status, String code, int aadsts, String description) {
        ObjectNode reply = JsonText.MAPPER.createObjectNode().put("error", code)
                .put("error_description", "AADSTS" + aadsts + ": " + description
                        + " Trace ID: 00000000-0000-4000-8000-000000000000 Timestamp: 2026-01-01 00:00:00Z");
        reply.putArray("error_codes").add(aadsts);
        reply.put("trace_id", "00000000-0000-4000-8000-000000000000")
                .put("correlation_id", "00000000-0000-4000-8000-000000000001");
        exchange.respond(status, Exchange.APPLICATION_JSON, Map.of(), JsonText.buffer(reply));
    }
}
