package dev.junction.testkit;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The facts of a chat completion request the mock's replies depend on.
 *
 * @param model the requested model, echoed in the response
 * @param stream whether the client asked for server-sent events
 * @param includeUsage whether {@code stream_options.include_usage} is true
 * @param choices the requested {@code n}, clamped to 1..128
 * @param lastUserText the text of the last {@code user} message (text parts joined by a space)
 * @param promptTokens a deterministic estimate: characters of all message text / 4, at least 1
 */
record ChatRequest(
        String model, boolean stream, boolean includeUsage, int choices, String lastUserText, int promptTokens) {

    /** OpenAI's upper bound for {@code n}; also keeps a hostile request from exhausting memory. */
    private static final int MAX_CHOICES = 128;

    /** Returns the error OpenAI would send for this body, if the mock cannot answer it. */
    static Optional<OpenAiError> validate(JsonNode body) {
        if (!body.isObject()) {
            return Optional.of(OpenAiError.invalidJson());
        }
        JsonNode model = body.path("model");
        if (!model.isString() || model.stringValue().isBlank()) {
            return Optional.of(OpenAiError.missingModel());
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            return Optional.of(OpenAiError.missingMessages());
        }
        if (messages.isEmpty()) {
            return Optional.of(OpenAiError.emptyMessages());
        }
        return Optional.empty();
    }

    /** Reads a body that passed {@link #validate}. */
    static ChatRequest of(JsonNode body) {
        String lastUserText = "";
        int textChars = 0;
        for (JsonNode message : body.path("messages")) {
            String text = textOf(message.path("content"));
            textChars += text.length();
            if ("user".equals(message.path("role").asString(""))) {
                lastUserText = text;
            }
        }
        boolean stream = body.path("stream").asBoolean(false);
        return new ChatRequest(
                body.path("model").stringValue(),
                stream,
                stream && body.path("stream_options").path("include_usage").asBoolean(false),
                Math.clamp(body.path("n").asInt(1), 1, MAX_CHOICES),
                lastUserText,
                Math.max(1, textChars / 4));
    }

    /** Content is a string or an array of parts; only {@code text} parts carry text. */
    private static String textOf(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asString("")) && part.path("text").isString()) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(part.path("text").stringValue());
            }
        }
        return text.toString();
    }
}
