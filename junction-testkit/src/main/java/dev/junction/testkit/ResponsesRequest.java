package dev.junction.testkit;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The facts of a Responses request ({@code POST /v1/responses}, or {@code /v1/responses/input_tokens})
 * the mock's replies depend on, and the validation OpenAI applies before it generates anything.
 *
 * @param body the request body, for the parameters a response echoes
 * @param model the requested model, echoed in the response
 * @param stream whether the client asked for server-sent events
 * @param encryptedReasoning whether {@code include} asks for {@code reasoning.encrypted_content}
 * @param lastUserText the text of the last user message ({@code input_text} parts joined by a space), or
 *     the input itself when it is a string
 * @param inputTokens a deterministic estimate: characters of the instructions and all input text / 4, at
 *     least 1
 */
record ResponsesRequest(JsonNode body, String model, boolean stream, boolean encryptedReasoning,
                        String lastUserText, int inputTokens) {

    /** Returns the error OpenAI would send for this body, if the mock cannot answer it. */
    static Optional<OpenAiError> validate(JsonNode body, IssuedSignatures signatures) {
        if (!body.isObject()) {
            return Optional.of(OpenAiError.invalidJson());
        }
        JsonNode model = body.path("model");
        if (!model.isString() || model.stringValue().isBlank()) {
            return invalid("Missing required parameter: 'model'.", "model", "missing_required_parameter");
        }
        JsonNode input = body.path("input");
        if (!input.isMissingNode() && !input.isNull() && !input.isString() && !input.isArray()) {
            return invalid("Invalid type for 'input': expected a string or an array of input items.", "input",
                    "invalid_type");
        }
        for (int i = 0; input.isArray() && i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (!item.isObject()) {
                return invalid("Invalid type for 'input[" + i + "]': expected an object.", "input[" + i + "]",
                        "invalid_type");
            }
            JsonNode encrypted = item.path("encrypted_content");
            if ("reasoning".equals(item.path("type").asString("")) && encrypted.isString()
                    && !signatures.isIssuedReasoning(encrypted.stringValue())) {
                return invalid("The encrypted content for item " + item.path("id").asString("") + " could not be "
                        + "verified. Reason: Encrypted content could not be decrypted or parsed.", null,
                        "invalid_encrypted_content");
            }
        }
        return Optional.empty();
    }

    /** Reads a body that passed {@link #validate}. */
    static ResponsesRequest of(JsonNode body) {
        JsonNode input = body.path("input");
        String lastUserText = input.isString() ? input.stringValue() : "";
        int chars = body.path("instructions").asString("").length() + (input.isString() ? lastUserText.length() : 0);
        for (JsonNode item : input.isArray() ? input : JsonText.MAPPER.createArrayNode()) {
            String text = textOf(item.has("content") ? item.path("content") : item.path("output"));
            chars += text.length();
            if ("user".equals(item.path("role").asString(""))) {
                lastUserText = text;
            }
        }
        boolean encrypted = false;
        for (JsonNode include : body.path("include")) {
            encrypted |= "reasoning.encrypted_content".equals(include.asString(""));
        }
        return new ResponsesRequest(body, body.path("model").stringValue(), body.path("stream").asBoolean(false),
                encrypted, lastUserText, Math.max(1, chars / 4));
    }

    /** Content is a string or an array of parts; text parts carry text. */
    private static String textOf(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            String type = part.path("type").asString("");
            if ((type.equals("input_text") || type.equals("output_text")) && part.path("text").isString()) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(part.path("text").stringValue());
            }
        }
        return text.toString();
    }

    private static Optional<OpenAiError> invalid(String message, String param, String code) {
        return Optional.of(new OpenAiError(400, message, "invalid_request_error", Optional.ofNullable(param),
                Optional.ofNullable(code)));
    }
}
