package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error in Anthropic's shape, {@code {"type":"error","error":{"type","message"},"request_id"}}, with
 * the HTTP status it is sent with (see {@code wire/anthropic-messages.md §9}).
 *
 * @param status the HTTP status
 * @param type the error type, e.g. {@code overloaded_error}
 * @param message the human-readable message
 */
record AnthropicError(int status, String type, String message) {

    /** The error the in-stream fault sends, as Anthropic's streams most often fail. */
    static final AnthropicError MID_STREAM = new AnthropicError(529, "overloaded_error", "Overloaded");

    /**
     * The error Anthropic typically returns with this status.
     *
     * @param model the requested model, used in messages that name it
     */
    static AnthropicError forStatus(int status, String model) {
        return switch (status) {
            case 400 -> invalidRequest("Invalid request: rejected by the mock upstream.");
            case 401 -> new AnthropicError(401, "authentication_error", "invalid x-api-key");
            case 402 -> new AnthropicError(402, "billing_error",
                    "Your credit balance is too low to access the Anthropic API.");
            case 403 -> new AnthropicError(403, "permission_error",
                    "Your API key does not have permission to use the specified resource.");
            case 404 -> new AnthropicError(404, "not_found_error", "model: " + model);
            case 413 -> new AnthropicError(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
            case 429 -> new AnthropicError(429, "rate_limit_error", "This request would exceed the rate limit for your"
                    + " organization (mock) of 2,000,000 input tokens per minute. For details, refer to:"
                    + " https://docs.anthropic.com/en/api/rate-limits.");
            case 504 -> new AnthropicError(504, "timeout_error", "Request timed out.");
            case 529 -> new AnthropicError(529, "overloaded_error", "Overloaded");
            default -> status >= 500
                    ? new AnthropicError(status, "api_error", "Internal server error")
                    : new AnthropicError(status, "invalid_request_error", "Request failed with HTTP " + status + ".");
        };
    }

    /** A 400 {@code invalid_request_error}. */
    static AnthropicError invalidRequest(String message) {
        return new AnthropicError(400, "invalid_request_error", message);
    }

    /** {@return the body, with {@code req_<sequence>} as its request id, as the {@code request-id} header} */
    Buffer body(long sequence) {
        ObjectNode json = JsonText.MAPPER.createObjectNode().put("type", "error");
        json.putObject("error").put("type", type).put("message", message);
        return JsonText.buffer(json.put("request_id", "req_" + sequence));
    }

    /** {@return the {@code event: error} frame of a stream} */
    Buffer event() {
        ObjectNode json = JsonText.MAPPER.createObjectNode().put("type", "error");
        json.putObject("error").putNull("details").put("type", type).put("message", message);
        return Buffer.buffer("event: error\ndata: " + JsonText.MAPPER.writeValueAsString(json) + "\n\n");
    }
}
