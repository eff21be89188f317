package dev.junction.dialect.responses;

import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors inside Responses streams and bodies. HTTP error replies have Chat Completions' envelope and are classified
 * and rendered by {@link OpenAiErrors}; what is particular to Responses is the in-stream {@code error} event
 * ({@code {"type":"error","code","message","param"}}) and the {@code error} of a {@code failed} response
 * ({@code {"code","message"}}). Pure functions; thread safe.
 */
public final class ResponsesErrors {

    /** Failure codes that mean the input itself was refused on content policy. */
    private static final Set<String> POLICY = Set.of("image_content_policy_violation", "bio_policy");
    /** Prefixes of failure codes about the request's input ({@code invalid_prompt}, {@code image_too_large}, …). */
    private static final List<String> INPUT_PROBLEMS = List.of("invalid_", "image_", "unsupported_", "empty_",
            "failed_to_", "data_residency");

    private ResponsesErrors() {}

    /**
     * Classifies an error object of a stream or a failed response by its {@code code}; the message is redacted. A
     * rate limit may be retried; a server error, an unknown code or a missing object is a bad gateway.
     */
    public static GatewayError classify(JsonNode error, Redactor redactor) {
        String code = error == null ? "" : error.path("code").asString("");
        String message = redactor.redact(error == null ? "" : error.path("message").asString(""));
        if (message.isBlank()) {
            message = "The upstream stream failed" + (code.isEmpty() ? "." : " (" + code + ").");
        }
        return switch (code) {
            case "rate_limit_exceeded" -> new GatewayError.RateLimited(message, Optional.empty());
            case "vector_store_timeout" -> new GatewayError.Timeout(message);
            case "context_length_exceeded" -> new GatewayError.ContextWindowExceeded(message);
            case "", "server_error" -> new GatewayError.BadGateway(message, false);
            default -> {
                if (POLICY.contains(code)) {
                    yield new GatewayError.ContentFiltered(message);
                }
                if (INPUT_PROBLEMS.stream().anyMatch(code::startsWith)) {
                    yield new GatewayError.UpstreamRejected(400, message, Optional.of("invalid_request_error"),
                            text(error, "param"), Optional.of(code));
                }
                yield new GatewayError.BadGateway(message, false);
            }
        };
    }

    /** The in-stream {@code error} event's data for a client. */
    static ObjectNode event(GatewayError error, int sequenceNumber) {
        JsonNode rendered = OpenAiErrors.render(error).path("error");
        ObjectNode event = Json.object().put("type", "error").put("sequence_number", sequenceNumber);
        event.set("code", rendered.path("code"));
        event.put("message", error.message());
        event.set("param", rendered.path("param"));
        return event;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isString() ? Optional.empty() : Optional.of(v.stringValue());
    }
}
