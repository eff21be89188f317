package dev.junction.testkit;

import java.util.Optional;

/**
 * An error in OpenAI's shape, {@code {"error":{"message","type","param","code"}}}, with the HTTP
 * status it is sent with. Messages mirror the ones OpenAI sends (see {@code wire/openai-chat.md §10}).
 */
record OpenAiError(int status, String message, String type, Optional<String> param, Optional<String> code) {

    private static final String SERVER_ERROR_MESSAGE =
            "The server had an error while processing your request. Sorry about that!";

    /** The error the in-stream fault sends; same body as a 500. */
    static final OpenAiError MID_STREAM = serverError(500, SERVER_ERROR_MESSAGE);

    /**
     * The error OpenAI typically returns with this status.
     *
     * @param model the requested model, used in messages that name it
     */
    static OpenAiError forStatus(int status, String model) {
        return switch (status) {
            case 400 -> invalidRequest(400, "Invalid request: rejected by the mock upstream.", null, null);
            case 401 -> invalidRequest(401, "Incorrect API key provided: sk-mock****. You can find your API key at"
                    + " https://platform.openai.com/account/api-keys.", null, "invalid_api_key");
            case 403 -> invalidRequest(403, "Country, region, or territory not supported", null,
                    "unsupported_country_region_territory");
            case 404 -> invalidRequest(404, "The model `" + model + "` does not exist or you do not have access to it.",
                    null, "model_not_found");
            case 429 -> new OpenAiError(429, "Rate limit reached for " + model + " in organization org-mock on requests"
                    + " per min (RPM): Limit 10000, Used 10000, Requested 1. Please try again in 6ms. Visit"
                    + " https://platform.openai.com/account/rate-limits to learn more.",
                    "requests", Optional.empty(), Optional.of("rate_limit_exceeded"));
            case 500 -> serverError(500, SERVER_ERROR_MESSAGE);
            case 502 -> serverError(502, "Bad gateway.");
            case 503 -> serverError(503, "The server is overloaded or not ready yet.");
            case 504 -> serverError(504, "Gateway timeout.");
            default -> status >= 500
                    ? serverError(status, "The server had an error (HTTP " + status + ").")
                    : invalidRequest(status, "Request failed with HTTP " + status + ".", null, null);
        };
    }

    static OpenAiError invalidJson() {
        return invalidRequest(400, "We could not parse the JSON body of your request. (HINT: This likely means you"
                + " aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent"
                + " was not valid JSON.)", null, null);
    }

    static OpenAiError missingModel() {
        return invalidRequest(400, "you must provide a model parameter", null, null);
    }

    static OpenAiError missingMessages() {
        return invalidRequest(400, "Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
    }

    static OpenAiError emptyMessages() {
        return invalidRequest(400, "Invalid 'messages': empty array. Expected an array with minimum length 1, but got"
                + " an empty array instead.", "messages", "empty_array");
    }

    static OpenAiError invalidUrl(String method, String path) {
        return invalidRequest(404, "Invalid URL (" + method + " " + path + ")", null, null);
    }

    /** The mock's own failure, e.g. an unreadable fixture, so a test sees why it was not served. */
    static OpenAiError mockFailure(String message) {
        return serverError(500, message);
    }

    /** {@return the compact JSON body} */
    String toJson() {
        StringBuilder json = new StringBuilder(160 + message.length());
        json.append("{\"error\":{\"message\":");
        JsonText.appendQuoted(json, message);
        json.append(",\"type\":");
        JsonText.appendQuoted(json, type);
        json.append(",\"param\":");
        JsonText.appendQuotedOrNull(json, param);
        json.append(",\"code\":");
        JsonText.appendQuotedOrNull(json, code);
        return json.append("}}").toString();
    }

    private static OpenAiError invalidRequest(int status, String message, String param, String code) {
        return new OpenAiError(status, message, "invalid_request_error",
                Optional.ofNullable(param), Optional.ofNullable(code));
    }

    private static OpenAiError serverError(int status, String message) {
        return new OpenAiError(status, message, "server_error", Optional.empty(), Optional.empty());
    }
}
