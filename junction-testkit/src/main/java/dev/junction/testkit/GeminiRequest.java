package dev.junction.testkit;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The facts of a Gemini {@code generateContent} request the mock's replies depend on, and the validation
 * Gemini applies before it generates anything. Field names are read in lowerCamelCase and, as the API
 * accepts both, snake_case.
 *
 * @param model the model named in the URL, echoed as {@code modelVersion}
 * @param stream how the answer is sent
 * @param lastUserText the text of the last {@code user} turn not made only of {@code functionResponse}
 *     parts (text parts joined by a space)
 * @param promptTokens a deterministic estimate: characters of the system instruction and all text parts
 *     / 4, at least 1
 */
record GeminiRequest(String model, Streaming stream, String lastUserText, int promptTokens) {

    /** How a Gemini answer travels. */
    enum Streaming {
        /** {@code :generateContent}: one JSON body. */
        NONE,
        /** {@code :streamGenerateContent?alt=sse}: {@code data:} events separated by CRLF blank lines. */
        SSE,
        /** {@code :streamGenerateContent} without {@code alt=sse}: one JSON array, streamed element by element. */
        JSON_ARRAY
    }

    /** Returns the error Gemini would send for this {@code generateContent} body, if the mock cannot answer it. */
    static Optional<GeminiError> validate(JsonNode body) {
        if (!body.isObject()) {
            return invalid("Invalid JSON payload received. Unexpected token.");
        }
        JsonNode contents = body.path("contents");
        if (!contents.isArray() || contents.isEmpty()) {
            return invalid("* GenerateContentRequest.contents: contents is not specified\n");
        }
        for (int i = 0; i < contents.size(); i++) {
            JsonNode parts = contents.get(i).path("parts");
            if (!parts.isArray() || parts.isEmpty()) {
                return invalid("* GenerateContentRequest.contents[" + i + "].parts: contents.parts must not be empty.\n");
            }
        }
        return Optional.empty();
    }

    /**
     * Checks the function calls of the {@code model} turns like Gemini does: a call the mock signed must
     * come back with exactly the signature it was given.
     */
    static Optional<GeminiError> checkSignatures(JsonNode body, IssuedSignatures signatures) {
        JsonNode contents = body.path("contents");
        for (int i = 0; i < contents.size(); i++) {
            if (!"model".equals(contents.get(i).path("role").asString(""))) {
                continue;
            }
            for (JsonNode part : contents.get(i).path("parts")) {
                JsonNode call = field(part, "functionCall", "function_call");
                if (!call.isObject()) {
                    continue;
                }
                String name = call.path("name").asString("");
                JsonNode args = call.path("args").isObject() ? call.path("args") : JsonText.MAPPER.createObjectNode();
                Optional<String> issued = signatures.signatureOf(new IssuedSignatures.FunctionCall(name, args));
                JsonNode replayed = field(part, "thoughtSignature", "thought_signature");
                if (issued.isPresent() && !replayed.isString()) {
                    return invalid("Function call is missing a thought_signature in functionCall parts. This is"
                            + " required for tools to work correctly, and missing thought_signature may lead to degraded"
                            + " model performance. Additional data, function call `default_api:" + name + "` , position "
                            + (i + 1) + ". Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for"
                            + " more details.");
                }
                if (issued.isPresent() && !issued.get().equals(replayed.stringValue())) {
                    return invalid("Corrupted thought signature.");
                }
            }
        }
        return Optional.empty();
    }

    /** Reads a body that passed {@link #validate} (or any body, for {@code countTokens}). */
    static GeminiRequest of(String model, Streaming stream, JsonNode body) {
        String lastUserText = "";
        int chars = textOf(field(body, "systemInstruction", "system_instruction").path("parts")).length();
        for (JsonNode content : body.path("contents")) {
            JsonNode parts = content.path("parts");
            String text = textOf(parts);
            chars += text.length();
            if ("user".equals(content.path("role").asString("user")) && !onlyFunctionResponses(parts)) {
                lastUserText = text;
            }
        }
        return new GeminiRequest(model, stream, lastUserText, Math.max(1, chars / 4));
    }

    /** {@return the value of a field in either spelling, missing when absent} */
    static JsonNode field(JsonNode object, String camelCase, String snakeCase) {
        JsonNode value = object.path(camelCase);
        return value.isMissingNode() ? object.path(snakeCase) : value;
    }

    /** {@return the text parts, except thoughts, joined by a space} */
    static String textOf(JsonNode parts) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            if (part.path("text").isString() && !part.path("thought").asBoolean(false)) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(part.path("text").stringValue());
            }
        }
        return text.toString();
    }

    private static boolean onlyFunctionResponses(JsonNode parts) {
        for (JsonNode part : parts) {
            if (!field(part, "functionResponse", "function_response").isObject()) {
                return false;
            }
        }
        return !parts.isEmpty();
    }

    private static Optional<GeminiError> invalid(String message) {
        return Optional.of(GeminiError.invalidArgument(message));
    }
}
