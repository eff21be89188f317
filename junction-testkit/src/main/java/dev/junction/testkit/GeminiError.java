package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error in Google's {@code google.rpc.Status} shape, {@code {"error":{"code","message","status",
 * "details"?}}}, with the HTTP status it is sent with (see {@code wire/gemini.md §10}).
 *
 * @param code the HTTP status, repeated as {@code error.code}
 * @param message the human-readable message
 * @param status the canonical status name, e.g. {@code RESOURCE_EXHAUSTED}
 * @param details the {@code details} entries, each with an {@code @type}; may be empty
 */
record GeminiError(int code, String message, String status, List<ObjectNode> details) {

    /** The error the in-stream fault sends; same body as a 500. */
    static final GeminiError MID_STREAM = forStatus(500, "", Map.of());

    /** Copies the details. */
    GeminiError {
        details = List.copyOf(details);
    }

    /**
     * The error Gemini typically returns with this status.
     *
     * @param model the requested model, used in messages that name it
     * @param behaviorHeaders a numeric {@code Retry-After} among them becomes a {@code RetryInfo} detail of a 429
     */
    static GeminiError forStatus(int code, String model, Map<String, String> behaviorHeaders) {
        return switch (code) {
            case 400 -> invalidArgument("Request contains an invalid argument.");
            case 401 -> of(401, "Request had invalid authentication credentials. Expected OAuth 2 access token, login"
                    + " cookie or other valid authentication credential.", "UNAUTHENTICATED");
            case 403 -> of(403, "The caller does not have permission", "PERMISSION_DENIED");
            case 404 -> of(404, "models/" + model + " is not found for API version v1beta, or is not supported for"
                    + " generateContent. Call ListModels to see the list of available models and their supported"
                    + " methods.", "NOT_FOUND");
            case 409 -> of(409, "The request conflicts with another request.", "ABORTED");
            case 429 -> new GeminiError(429, "You exceeded your current quota, please check your plan and billing"
                    + " details. For more information on this error, head to:"
                    + " https://ai.google.dev/gemini-api/docs/rate-limits.", "RESOURCE_EXHAUSTED",
                    retryInfo(behaviorHeaders).stream().toList());
            case 499 -> of(499, "The operation was cancelled.", "CANCELLED");
            case 501 -> of(501, "Operation is not implemented, or supported, or enabled.", "UNIMPLEMENTED");
            case 503 -> of(503, "The model is overloaded. Please try again later.", "UNAVAILABLE");
            case 504 -> of(504, "Deadline expired before operation could complete.", "DEADLINE_EXCEEDED");
            default -> code >= 500
                    ? of(code, "An internal error has occurred. Please retry or report in"
                            + " https://developers.generativeai.google/guide/troubleshooting", "INTERNAL")
                    : of(code, "Request failed with HTTP " + code + ".", "FAILED_PRECONDITION");
        };
    }

    /** A 400 {@code INVALID_ARGUMENT}. */
    static GeminiError invalidArgument(String message) {
        return of(400, message, "INVALID_ARGUMENT");
    }

    static GeminiError of(int code, String message, String status) {
        return new GeminiError(code, message, status, List.of());
    }

    /** {@return the error object, {@code {"error":{...}}}} */
    ObjectNode toJson() {
        ObjectNode json = JsonText.MAPPER.createObjectNode();
        ObjectNode error = json.putObject("error").put("code", code).put("message", message).put("status", status);
        if (!details.isEmpty()) {
            ArrayNode array = error.putArray("details");
            details.forEach(array::add);
        }
        return json;
    }

    /**
     * The body as sent: the error object, or wrapped in a one-element array on the JSON-array stream
     * ({@code :streamGenerateContent} without {@code alt=sse}), as Google does.
     */
    Buffer body(boolean jsonArrayStream) {
        if (!jsonArrayStream) {
            return JsonText.buffer(toJson());
        }
        return JsonText.buffer(JsonText.MAPPER.createArrayNode().add(toJson()));
    }

    private static Optional<ObjectNode> retryInfo(Map<String, String> headers) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Retry-After"))
                .map(Map.Entry::getValue)
                .filter(value -> value.matches("\\d+"))
                .findFirst()
                .map(seconds -> JsonText.MAPPER.createObjectNode()
                        .put("@type", "type.googleapis.com/google.rpc.RetryInfo").put("retryDelay", seconds + "s"));
    }
}
