package dev.junction.dialect.anthropic;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's error envelope {@code {"type":"error","error":{"type","message"}}}: rendering gateway errors for
 * clients (with the status an Anthropic client expects), and classifying upstream error replies and in-stream
 * {@code error} events into {@link GatewayError}s (translation rules §13). Pure functions.
 */
public final class AnthropicErrors {

    /** The error types of the API; an upstream's own type is relayed when it is one of these. */
    private static final Set<String> TYPES = Set.of("invalid_request_error", "authentication_error",
            "permission_error", "not_found_error", "request_too_large", "rate_limit_error", "api_error",
            "overloaded_error", "timeout_error", "billing_error", "conflict_error");

    /** Anthropic names the offending field first: {@code "max_tokens: Field required"}. */
    private static final Pattern FIELD_PREFIX = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.\\[\\]]*): ");

    private AnthropicErrors() {}

    /** The error body for a client. */
    public static ObjectNode render(GatewayError error) {
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", type(error)).put("message", error.message());
        return body;
    }

    /**
     * The HTTP status an Anthropic client should get: the error's own, except that an unavailable upstream is
     * Anthropic's 529 (the SDK has a dedicated overloaded error for it).
     */
    public static int status(GatewayError error) {
        return switch (error) {
            case GatewayError.Unavailable u -> 529;
            case GatewayError.BudgetExceeded b -> 402;
            default -> error.status();
        };
    }

    /**
     * Classifies an upstream's error reply. Messages pass through the redactor: upstreams quote keys back.
     *
     * @param status the upstream's HTTP status (≥ 400)
     * @param body the upstream's body, possibly not JSON
     * @param retryAfter the upstream's {@code retry-after}, when it sent one
     * @param provider the provider's name, for messages
     */
    public static GatewayError classify(int status, String body, Optional<Duration> retryAfter, String provider,
                                        Redactor redactor) {
        JsonNode err = Json.tryParse(body).map(n -> n.path("error")).orElse(Json.object());
        String upstreamMessage = err.path("message").asString("");
        String message = redactor.redact(upstreamMessage.isBlank()
                ? "The upstream provider '" + provider + "' answered HTTP " + status + "."
                : upstreamMessage);
        Optional<String> type = err.path("type").isString() ? Optional.of(err.path("type").stringValue())
                : Optional.empty();
        if (status == 401 || status == 403) {
            return GatewayError.BadGateway.refusedCredentials("The upstream provider '" + provider
                    + "' rejected the gateway's credentials (HTTP " + status + "): " + message);
        }
        if (status == 402 || type.filter("billing_error"::equals).isPresent()) {
            return GatewayError.BadGateway.refusedCredentials("The upstream provider '" + provider
                    + "' refused the gateway's account (HTTP " + status + "): " + message);
        }
        if (status == 408 || status == 504) {
            return new GatewayError.Timeout("The upstream provider '" + provider + "' timed out: " + message);
        }
        if (status == 429) {
            if ("enforced_spend_limit_reached".equals(err.path("details").path("error_code").asString(""))) {
                // The gateway's account hit its spend limit: waiting does not help, another deployment may.
                return GatewayError.BadGateway.refusedCredentials("The upstream provider '" + provider
                        + "' refused the gateway's account (spend limit reached): " + message);
            }
            return new GatewayError.RateLimited(message, retryAfter);
        }
        if (status == 503 || status == 529) {
            return new GatewayError.Unavailable("The upstream provider '" + provider + "' is unavailable: "
                    + message, retryAfter);
        }
        if (status >= 500) {
            return new GatewayError.BadGateway("The upstream provider '" + provider + "' failed (HTTP " + status
                    + "): " + message, true);
        }
        if (status == 400 && upstreamMessage.startsWith("prompt is too long")) {
            return new GatewayError.ContextWindowExceeded(message);
        }
        return new GatewayError.UpstreamRejected(status, message, type, fieldOf(upstreamMessage), Optional.empty());
    }

    /**
     * Classifies an {@code error} event that arrived in a stream after HTTP 200: overloaded → unavailable, rate
     * limit → rate limited, anything else a bad gateway that repeating will not fix.
     */
    public static GatewayError classifyStreamError(JsonNode data, Redactor redactor) {
        JsonNode err = data.path("error");
        String message = redactor.redact(err.path("message").asString("The upstream stream failed."));
        return switch (err.path("type").asString("")) {
            case "overloaded_error" -> new GatewayError.Unavailable(message, Optional.empty());
            case "rate_limit_error" -> new GatewayError.RateLimited(message, Optional.empty());
            default -> new GatewayError.BadGateway(message, false);
        };
    }

    private static String type(GatewayError error) {
        return switch (error) {
            case GatewayError.InvalidRequest i -> "invalid_request_error";
            case GatewayError.Unauthorized u -> "authentication_error";
            case GatewayError.ModelNotFound m -> "not_found_error";
            case GatewayError.NotFound n -> "not_found_error";
            case GatewayError.MethodNotAllowed m -> "invalid_request_error";
            case GatewayError.PayloadTooLarge p -> "request_too_large";
            case GatewayError.RateLimited r -> "rate_limit_error";
            case GatewayError.BudgetExceeded b -> "billing_error";
            case GatewayError.PermissionDenied d -> "permission_error";
            case GatewayError.ContextWindowExceeded c -> "invalid_request_error";
            case GatewayError.ContentFiltered c -> "invalid_request_error";
            case GatewayError.UpstreamRejected u -> u.status() == 400
                    ? u.type().filter(TYPES::contains).orElse("invalid_request_error") : typeOfStatus(u.status());
            case GatewayError.BadGateway b -> "api_error";
            case GatewayError.Unavailable u -> "overloaded_error";
            case GatewayError.Timeout t -> "timeout_error";
            case GatewayError.Internal i -> "api_error";
        };
    }

    private static String typeOfStatus(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 409 -> "conflict_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static Optional<String> fieldOf(String message) {
        Matcher m = FIELD_PREFIX.matcher(message);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
