package dev.junction.dialect.openai;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's error envelope {@code {"error":{"message","type","param","code"}}}: rendering gateway errors for clients,
 * and classifying upstream error replies into {@link GatewayError}s.
 */
public final class OpenAiErrors {

    /** The error types OpenAI itself sends; another dialect's type is not relayed to an OpenAI client. */
    private static final java.util.Set<String> OPENAI_TYPES = java.util.Set.of("invalid_request_error",
            "insufficient_quota", "requests", "tokens", "server_error");

    private OpenAiErrors() {}

    /** The error body for a client. All four keys are present, as OpenAI sends them. */
    public static ObjectNode render(GatewayError error) {
        ObjectNode body = Json.object();
        ObjectNode e = body.putObject("error").put("message", error.message());
        String type = switch (error) {
            case GatewayError.RateLimited r -> "requests";
            case GatewayError.BudgetExceeded b -> "insufficient_quota";
            case GatewayError.PermissionDenied d -> "invalid_request_error";
            case GatewayError.ContextWindowExceeded c -> "invalid_request_error";
            case GatewayError.ContentFiltered c -> "invalid_request_error";
            case GatewayError.UpstreamRejected u -> u.type().filter(OPENAI_TYPES::contains)
                    .orElse("invalid_request_error");
            case GatewayError.BadGateway b -> "upstream_error";
            case GatewayError.Unavailable u -> "service_unavailable";
            case GatewayError.Timeout t -> "timeout";
            case GatewayError.Internal i -> "server_error";
            case GatewayError.InvalidRequest i -> "invalid_request_error";
            case GatewayError.Unauthorized u -> "invalid_request_error";
            case GatewayError.ModelNotFound m -> "invalid_request_error";
            case GatewayError.NotFound n -> "invalid_request_error";
            case GatewayError.MethodNotAllowed m -> "invalid_request_error";
            case GatewayError.PayloadTooLarge p -> "invalid_request_error";
        };
        e.put("type", type);
        Optional<String> param = switch (error) {
            case GatewayError.InvalidRequest i -> i.param();
            case GatewayError.UpstreamRejected u -> u.param();
            default -> Optional.empty();
        };
        param.ifPresentOrElse(p -> e.put("param", p), () -> e.putNull("param"));
        Optional<String> code = switch (error) {
            case GatewayError.InvalidRequest i -> i.code();
            case GatewayError.UpstreamRejected u -> u.code();
            case GatewayError.Unauthorized u -> Optional.of("invalid_api_key");
            case GatewayError.ModelNotFound m -> Optional.of("model_not_found");
            case GatewayError.NotFound n -> Optional.of("not_found");
            case GatewayError.MethodNotAllowed m -> Optional.of("method_not_allowed");
            case GatewayError.PayloadTooLarge p -> Optional.of("request_too_large");
            case GatewayError.RateLimited r -> Optional.of("rate_limit_exceeded");
            case GatewayError.BudgetExceeded b -> Optional.of("insufficient_quota");
            case GatewayError.PermissionDenied d -> Optional.of("permission_denied");
            case GatewayError.ContextWindowExceeded c -> Optional.of("context_length_exceeded");
            case GatewayError.ContentFiltered c -> Optional.of("content_policy_violation");
            case GatewayError.BadGateway b -> Optional.of("bad_gateway");
            case GatewayError.Unavailable u -> Optional.of("service_unavailable");
            case GatewayError.Timeout t -> Optional.of("upstream_timeout");
            case GatewayError.Internal i -> Optional.empty();
        };
        code.ifPresentOrElse(c -> e.put("code", c), () -> e.putNull("code"));
        return body;
    }

    /**
     * Classifies an upstream's error reply. Messages are passed through the redactor: upstreams quote keys back.
     *
     * @param status the upstream's HTTP status (≥ 400)
     * @param body the upstream's body, possibly not JSON
     * @param retryAfter the upstream's {@code Retry-After}, when it sent one
     * @param provider the provider's name, for messages
     */
    public static GatewayError classify(int status, String body, Optional<Duration> retryAfter, String provider,
                                        Redactor redactor) {
        JsonNode err = Json.tryParse(body).map(n -> n.path("error")).orElse(Json.object());
        String upstreamMessage = err.isString() ? err.stringValue() : err.path("message").asString("");
        String message = redactor.redact(upstreamMessage.isBlank()
                ? "The upstream provider '" + provider + "' answered HTTP " + status + "."
                : upstreamMessage);
        Optional<String> type = text(err, "type");
        Optional<String> code = text(err, "code");
        if (status == 401 || status == 403) {
            return GatewayError.BadGateway.refusedCredentials("The upstream provider '" + provider
                    + "' rejected the gateway's credentials (HTTP " + status + "): " + message);
        }
        if (status == 402) {
            return GatewayError.BadGateway.refusedCredentials("The upstream provider '" + provider
                    + "' refused the gateway's account (HTTP 402): " + message);
        }
        if (status == 408) {
            return new GatewayError.Timeout("The upstream provider '" + provider + "' timed out: " + message);
        }
        if (status == 429 && code.or(() -> type).filter("insufficient_quota"::equals).isPresent()) {
            return GatewayError.BadGateway.refusedCredentials("The upstream provider '" + provider
                    + "' refused the gateway's account (no quota left): " + message);
        }
        if (status == 429) {
            return new GatewayError.RateLimited(message, retryAfter);
        }
        if (status == 503 || status == 529) {
            return new GatewayError.Unavailable("The upstream provider '" + provider + "' is unavailable: "
                    + message, retryAfter);
        }
        if (status == 504) {
            return new GatewayError.Timeout("The upstream provider '" + provider + "' timed out: " + message);
        }
        if (status >= 500) {
            return new GatewayError.BadGateway("The upstream provider '" + provider + "' failed (HTTP " + status
                    + "): " + message, true);
        }
        if (code.filter("context_length_exceeded"::equals).isPresent()) {
            return new GatewayError.ContextWindowExceeded(message);
        }
        if (code.filter(c -> c.equals("content_policy_violation") || c.equals("content_filter")).isPresent()) {
            return new GatewayError.ContentFiltered(message);
        }
        return new GatewayError.UpstreamRejected(status, message, type, text(err, "param"), code);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(v.isString() ? v.stringValue() : v.toString());
    }
}
