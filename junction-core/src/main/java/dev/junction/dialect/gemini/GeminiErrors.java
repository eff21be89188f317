package dev.junction.dialect.gemini;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google's error envelope {@code {"error":{"code","message","status"}}} (a {@code google.rpc.Status}): rendering
 * gateway errors for Gemini clients, and classifying Gemini's error replies into {@link GatewayError}s. Pure
 * functions; thread safe.
 */
public final class GeminiErrors {

    /** Google's canonical status names, which an upstream's rejection keeps for a Gemini client. */
    private static final Set<String> STATUS_NAMES = Set.of("INVALID_ARGUMENT", "FAILED_PRECONDITION",
            "OUT_OF_RANGE", "UNAUTHENTICATED", "PERMISSION_DENIED", "NOT_FOUND", "ABORTED", "ALREADY_EXISTS",
            "RESOURCE_EXHAUSTED", "CANCELLED", "DATA_LOSS", "UNKNOWN", "INTERNAL", "NOT_IMPLEMENTED", "UNIMPLEMENTED",
            "UNAVAILABLE", "DEADLINE_EXCEEDED");

    private GeminiErrors() {}

    /** The error body for a Gemini client; a known retry delay is added as a {@code RetryInfo} detail. */
    public static ObjectNode render(GatewayError error) {
        ObjectNode body = Json.object();
        ObjectNode e = body.putObject("error").put("code", status(error)).put("message", error.message())
                .put("status", statusName(error));
        error.retryAfter().ifPresent(d -> e.putArray("details").addObject()
                .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                .put("retryDelay", BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + "s"));
        return body;
    }

    /** The HTTP status for a Gemini client: the error's own, except Anthropic's 529 (overloaded), which is 503. */
    public static int status(GatewayError error) {
        return error.status() == 529 ? 503 : error.status();
    }

    private static String statusName(GatewayError error) {
        return switch (error) {
            case GatewayError.InvalidRequest i -> "INVALID_ARGUMENT";
            case GatewayError.PayloadTooLarge p -> "INVALID_ARGUMENT";
            case GatewayError.Unauthorized u -> "UNAUTHENTICATED";
            case GatewayError.ModelNotFound m -> "NOT_FOUND";
            case GatewayError.NotFound n -> "NOT_FOUND";
            case GatewayError.MethodNotAllowed m -> "UNIMPLEMENTED";
            case GatewayError.RateLimited r -> "RESOURCE_EXHAUSTED";
            case GatewayError.BudgetExceeded b -> "RESOURCE_EXHAUSTED";
            case GatewayError.PermissionDenied d -> "PERMISSION_DENIED";
            case GatewayError.ContextWindowExceeded c -> "INVALID_ARGUMENT";
            case GatewayError.ContentFiltered c -> "INVALID_ARGUMENT";
            case GatewayError.UpstreamRejected u -> u.code().filter(STATUS_NAMES::contains)
                    .orElseGet(() -> byStatus(u.status()));
            case GatewayError.BadGateway b -> "UNAVAILABLE";
            case GatewayError.Unavailable u -> "UNAVAILABLE";
            case GatewayError.Timeout t -> "DEADLINE_EXCEEDED";
            case GatewayError.Internal i -> "INTERNAL";
        };
    }

    private static String byStatus(int status) {
        return switch (status) {
            case 400, 413, 422 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 503, 529 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }

    /**
     * Classifies an upstream's error reply. Messages pass through the redactor: upstreams quote keys back. A 400
     * {@code API_KEY_INVALID} (Gemini's way of saying 401) is about the gateway's own key, so it is a non-retryable
     * bad gateway, like 401 and 403. The retry delay is the {@code Retry-After} header's, else {@code RetryInfo}'s.
     *
     * @param status the upstream's HTTP status (≥ 400)
     * @param body the upstream's body, possibly not JSON, possibly wrapped in a list ({@code [{"error":…}]})
     * @param provider the provider's name, for messages
     */
    public static GatewayError classify(int status, String body, Optional<Duration> retryAfter, String provider,
                                        Redactor redactor) {
        JsonNode parsed = Json.tryParse(body).orElse(Json.object());
        if (parsed.isArray() && !parsed.isEmpty()) {
            parsed = parsed.get(0);
        }
        return classify(status, parsed.path("error"), retryAfter, provider, redactor);
    }

    /** Classifies an {@code error} object (from a reply body or a stream chunk). */
    static GatewayError classify(int status, JsonNode err, Optional<Duration> retryAfter, String provider,
                                 Redactor redactor) {
        String upstreamMessage = err.path("message").asString("");
        String message = redactor.redact(upstreamMessage.isBlank()
                ? "The upstream provider '" + provider + "' answered HTTP " + status + "."
                : upstreamMessage);
        Optional<Duration> delay = retryAfter.or(() -> retryDelay(err));
        Optional<String> reason = detail(err, "reason");
        if (status == 401 || status == 403 || reason.filter("API_KEY_INVALID"::equals).isPresent()) {
            return GatewayError.BadGateway.refusedCredentials("The upstream provider '" + provider
                    + "' rejected the gateway's credentials (HTTP " + status + "): " + message);
        }
        if (status == 408) {
            return new GatewayError.Timeout("The upstream provider '" + provider + "' timed out: " + message);
        }
        if (status == 429) {
            return new GatewayError.RateLimited(message, delay);
        }
        if (status == 503 || status == 529) {
            return new GatewayError.Unavailable("The upstream provider '" + provider + "' is unavailable: "
                    + message, delay);
        }
        if (status == 504) {
            return new GatewayError.Timeout("The upstream provider '" + provider + "' timed out: " + message);
        }
        if (status >= 500) {
            return new GatewayError.BadGateway("The upstream provider '" + provider + "' failed (HTTP " + status
                    + "): " + message, true);
        }
        Optional<String> statusName = text(err, "status");
        if (status == 400 && upstreamMessage.contains("exceeds the maximum number of tokens")) {
            return new GatewayError.ContextWindowExceeded(message);
        }
        return new GatewayError.UpstreamRejected(status, message, Optional.empty(), fieldViolation(err),
                statusName.or(() -> reason));
    }

    /** The first value of {@code field} among the {@code details} objects. */
    private static Optional<String> detail(JsonNode err, String field) {
        for (JsonNode d : err.path("details")) {
            Optional<String> v = text(d, field);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fieldViolation(JsonNode err) {
        for (JsonNode d : err.path("details")) {
            for (JsonNode v : d.path("fieldViolations")) {
                Optional<String> field = text(v, "field");
                if (field.isPresent()) {
                    return field;
                }
            }
        }
        return Optional.empty();
    }

    /** {@code RetryInfo.retryDelay} as a duration ({@code "43s"}, {@code "0.5s"}). */
    private static Optional<Duration> retryDelay(JsonNode err) {
        return detail(err, "retryDelay").flatMap(text -> {
            if (!text.endsWith("s")) {
                return Optional.empty();
            }
            try {
                BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
                return Optional.of(Duration.ofMillis(seconds.movePointRight(3).longValue()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isString() && !v.stringValue().isEmpty() ? Optional.of(v.stringValue())
                : Optional.empty();
    }
}
