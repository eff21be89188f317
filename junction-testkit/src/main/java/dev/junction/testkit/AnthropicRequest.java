package dev.junction.testkit;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The facts of an Anthropic Messages request (or a {@code count_tokens} request) the mock's replies
 * depend on, and the validation Anthropic applies before it generates anything.
 *
 * @param model the requested model, echoed in the response
 * @param stream whether the client asked for server-sent events
 * @param lastUserText the text of the last user turn that is not made only of {@code tool_result}
 *     blocks (text blocks joined by a space)
 * @param inputTokens a deterministic estimate: characters of the system prompt and all message text / 4,
 *     at least 1
 */
record AnthropicRequest(String model, boolean stream, String lastUserText, int inputTokens) {

    /**
     * Returns the error Anthropic would send for this body, if the mock cannot answer it.
     *
     * @param requireMaxTokens true for {@code /v1/messages}, false for {@code count_tokens}
     */
    static Optional<AnthropicError> validate(JsonNode body, boolean requireMaxTokens) {
        if (!body.isObject()) {
            return invalid("There was an error parsing the body of your request as JSON.");
        }
        if (!body.path("model").isString() || body.path("model").stringValue().isBlank()) {
            return invalid("model: Field required");
        }
        JsonNode maxTokens = body.path("max_tokens");
        if (requireMaxTokens && maxTokens.isMissingNode()) {
            return invalid("max_tokens: Field required");
        }
        if (requireMaxTokens && !maxTokens.isIntegralNumber()) {
            return invalid("max_tokens: Input should be a valid integer");
        }
        if (requireMaxTokens && maxTokens.asLong() < 0) {
            return invalid("max_tokens: Input should be greater than or equal to 0");
        }
        JsonNode messages = body.path("messages");
        if (messages.isMissingNode()) {
            return invalid("messages: Field required");
        }
        if (!messages.isArray()) {
            return invalid("messages: Input should be a valid list");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                return invalid("messages." + i + ": Input should be a valid dictionary");
            }
            if (!message.path("role").isString()) {
                return invalid("messages." + i + ".role: Field required");
            }
            if (!message.path("content").isString() && !message.path("content").isArray()) {
                return invalid("messages." + i + ".content: Field required");
            }
        }
        return Optional.empty();
    }

    /**
     * Checks the thinking blocks of the assistant turns like Anthropic does: each must carry a signature
     * the mock issued.
     */
    static Optional<AnthropicError> checkSignatures(JsonNode body, IssuedSignatures signatures) {
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            if (!"assistant".equals(messages.get(i).path("role").asString(""))) {
                continue;
            }
            JsonNode content = messages.get(i).path("content");
            for (int j = 0; j < content.size(); j++) {
                if (!"thinking".equals(content.get(j).path("type").asString(""))) {
                    continue;
                }
                String where = "messages." + i + ".content." + j;
                JsonNode signature = content.get(j).path("signature");
                if (!signature.isString()) {
                    return invalid(where + ".thinking.signature: Field required");
                }
                if (!signatures.isIssuedThinking(signature.stringValue())) {
                    return invalid(where + ": Invalid `signature` in `thinking` block");
                }
            }
        }
        return Optional.empty();
    }

    /** Reads a body that passed {@link #validate}. */
    static AnthropicRequest of(JsonNode body) {
        String lastUserText = "";
        int chars = textOf(body.path("system")).length();
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            String text = textOf(content);
            chars += text.length();
            if ("user".equals(message.path("role").stringValue()) && !onlyToolResults(content)) {
                lastUserText = text;
            }
        }
        return new AnthropicRequest(body.path("model").stringValue(), body.path("stream").asBoolean(false),
                lastUserText, Math.max(1, chars / 4));
    }

    /** Content is a string or an array of blocks; only {@code text} blocks carry text. */
    private static String textOf(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asString("")) && block.path("text").isString()) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(block.path("text").stringValue());
            }
        }
        return text.toString();
    }

    private static boolean onlyToolResults(JsonNode content) {
        if (!content.isArray() || content.isEmpty()) {
            return false;
        }
        for (JsonNode block : content) {
            if (!"tool_result".equals(block.path("type").asString(""))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<AnthropicError> invalid(String message) {
        return Optional.of(AnthropicError.invalidRequest(message));
    }
}
