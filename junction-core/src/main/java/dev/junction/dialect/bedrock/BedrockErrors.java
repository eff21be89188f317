package dev.junction.dialect.bedrock;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bedrock's errors: an HTTP reply's {@code {"message": …}} with its type in the {@code x-amzn-ErrorType} header (or
 * {@code __type} in the body), and the exception frames of a stream ({@code :exception-type}), classified for
 * routing: throttling and exhausted service quotas are rate limits, a validation error about length is the context
 * window, refused credentials a bad gateway that alerts, an unready model or service unavailable. Pure functions.
 */
public final class BedrockErrors {

    private BedrockErrors() {}

    /**
     * Classifies an error reply.
     *
     * @param errorType the {@code x-amzn-ErrorType} header, when present
     */
    public static GatewayError classify(int status, Optional<String> errorType, String body,
                                        Optional<Duration> retryAfter, String provider, Redactor redactor) {
        JsonNode parsed = Json.tryParse(body).filter(JsonNode::isObject).orElse(Json.object());
        String type = errorType.or(() -> Optional.ofNullable(parsed.path("__type").stringValue(null)))
                .map(BedrockErrors::shortType).orElse(typeOfStatus(status));
        String upstream = parsed.path("message").asString(parsed.path("Message").asString(""));
        String message = redactor.redact(upstream.isBlank()
                ? "The upstream provider '" + provider + "' answered HTTP " + status + " (" + type + ")."
                : upstream);
        return of(type, status, message, retryAfter, provider);
    }

    /** Classifies an exception frame that arrived mid-stream, after HTTP 200. */
    public static GatewayError ofStreamException(String exceptionType, String message, String provider,
                                                 Redactor redactor) {
        String type = shortType(exceptionType);
        String text = redactor.redact(message.isBlank() ? "The upstream stream failed (" + type + ")." : message);
        return of(type, statusOf(type), text, Optional.empty(), provider);
    }

    private static GatewayError of(String type, int status, String message, Optional<Duration> retryAfter,
                                   String provider) {
        String lower = type.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "throttlingexception", "servicequotaexceededexception", "toomanyrequestsexception" ->
                    new GatewayError.RateLimited(message, retryAfter);
            case "accessdeniedexception", "unrecognizedclientexception", "invalidsignatureexception",
                 "expiredtokenexception", "incompletesignatureexception", "missingauthenticationtokenexception" ->
                    GatewayError.BadGateway.refusedCredentials("The upstream provider '" + provider
                            + "' rejected the gateway's credentials (" + type + "): " + message);
            case "modelnotreadyexception", "serviceunavailableexception" -> new GatewayError.Unavailable(
                    "The upstream provider '" + provider + "' is unavailable: " + message, retryAfter);
            case "modeltimeoutexception" -> new GatewayError.Timeout("The upstream provider '" + provider
                    + "' timed out: " + message);
            case "validationexception" -> validation(message);
            case "internalserverexception", "modelerrorexception", "modelstreamerrorexception" ->
                    new GatewayError.BadGateway("The upstream provider '" + provider + "' failed (" + type + "): "
                            + message, true);
            default -> byStatus(status, type, message, retryAfter, provider);
        };
    }

    private static GatewayError validation(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("too long") || lower.contains("context") || lower.contains("input length")) {
            return new GatewayError.ContextWindowExceeded(message);
        }
        return new GatewayError.UpstreamRejected(400, message, Optional.of("ValidationException"), Optional.empty(),
                Optional.empty());
    }

    private static GatewayError byStatus(int status, String type, String message, Optional<Duration> retryAfter,
                                         String provider) {
        if (status == 429) {
            return new GatewayError.RateLimited(message, retryAfter);
        }
        if (status == 401 || status == 403) {
            return GatewayError.BadGateway.refusedCredentials("The upstream provider '" + provider
                    + "' rejected the gateway's credentials (HTTP " + status + "): " + message);
        }
        if (status == 503) {
            return new GatewayError.Unavailable("The upstream provider '" + provider + "' is unavailable: "
                    + message, retryAfter);
        }
        if (status == 408 || status == 504) {
            return new GatewayError.Timeout("The upstream provider '" + provider + "' timed out: " + message);
        }
        if (status >= 500) {
            return new GatewayError.BadGateway("The upstream provider '" + provider + "' failed (HTTP " + status
                    + "): " + message, true);
        }
        return new GatewayError.UpstreamRejected(status, message, Optional.of(type), Optional.empty(),
                Optional.empty());
    }

    /** {@code ThrottlingException:http://internal.amazon.com/coral/…} and {@code com.amazon…#X} to {@code X}. */
    static String shortType(String type) {
        String t = type;
        int colon = t.indexOf(':');
        if (colon > 0) {
            t = t.substring(0, colon);
        }
        int hash = t.lastIndexOf('#');
        return hash >= 0 ? t.substring(hash + 1) : t;
    }

    private static String typeOfStatus(int status) {
        return switch (status) {
            case 400 -> "ValidationException";
            case 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 408 -> "ModelTimeoutException";
            case 424 -> "ModelErrorException";
            case 429 -> "ThrottlingException";
            case 503 -> "ServiceUnavailableException";
            default -> status >= 500 ? "InternalServerException" : "ValidationException";
        };
    }

    private static int statusOf(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "throttlingexception" -> 429;
            case "validationexception" -> 400;
            case "serviceunavailableexception" -> 503;
            default -> 500;
        };
    }

    /** Bedrock's own error body, {@code {"message": …}} (no client speaks Converse; for completeness and tests). */
    public static ObjectNode render(GatewayError error) {
        return Json.object().put("message", error.message());
    }
}
