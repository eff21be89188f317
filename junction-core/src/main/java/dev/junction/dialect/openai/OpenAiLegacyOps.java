package dev.junction.dialect.openai;

import dev.junction.completion.CompletionRequest;
import dev.junction.model.GatewayException;
import dev.junction.moderation.ModerationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's {@code /moderations} and {@code /completions} request bodies, validated: what the gateway must know of
 * them (model, texts, the output allowance) is read, the rest travels untouched to the same-dialect upstream. Throws
 * {@link GatewayException} (400) naming the field.
 */
public final class OpenAiLegacyOps {

    private OpenAiLegacyOps() {}

    /** A moderation body: {@code input} a string, an array of strings, or an array of text and image parts. */
    public static ModerationRequest moderation(ObjectNode body) {
        String model = model(body, "omni-moderation-latest");
        JsonNode input = body.get("input");
        List<String> texts = new ArrayList<>();
        int images = 0;
        if (input != null && input.isString()) {
            texts.add(input.stringValue());
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            for (JsonNode item : input) {
                if (item.isString()) {
                    texts.add(item.stringValue());
                } else if (item.path("type").asString("").equals("text") && item.path("text").isString()) {
                    texts.add(item.path("text").stringValue());
                } else if (item.path("type").asString("").equals("image_url")
                        && item.path("image_url").path("url").isString()) {
                    images++;
                } else {
                    throw GatewayException.invalid("input", "Invalid 'input': expected strings, or parts of type "
                            + "'text' (with 'text') or 'image_url' (with 'image_url.url').");
                }
            }
        } else {
            throw GatewayException.invalid("input", "Missing required parameter: 'input' (a string or a non-empty "
                    + "array).");
        }
        return new ModerationRequest(model, texts, images, body);
    }

    /** A completion body: {@code prompt} a string or an array of strings (or of token arrays). */
    public static CompletionRequest completion(ObjectNode body) {
        String model = model(body, null);
        JsonNode prompt = body.get("prompt");
        List<String> prompts = new ArrayList<>();
        if (prompt == null || prompt.isNull()) {
            prompts.add("");
        } else if (prompt.isString()) {
            prompts.add(prompt.stringValue());
        } else if (prompt.isArray() && !prompt.isEmpty()) {
            for (JsonNode item : prompt) {
                if (item.isString()) {
                    prompts.add(item.stringValue());
                } else if (item.isIntegralNumber() || item.isArray()) {
                    prompts.add("x".repeat(4 * Math.max(1, item.isArray() ? item.size() : 1))); // ~ one token each
                } else {
                    throw GatewayException.invalid("prompt", "Invalid 'prompt': expected a string, an array of "
                            + "strings or token arrays.");
                }
            }
        } else {
            throw GatewayException.invalid("prompt", "Invalid 'prompt': expected a string or a non-empty array.");
        }
        OptionalInt maxTokens = positive(body, "max_tokens", 0);
        int n = positive(body, "n", 1).orElse(1);
        int bestOf = positive(body, "best_of", 1).orElse(1);
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw GatewayException.invalid("stream", "Invalid 'stream': expected a boolean.");
        }
        return new CompletionRequest(model, prompts, maxTokens, Math.max(n, bestOf),
                stream != null && stream.asBoolean(false), body);
    }

    private static String model(ObjectNode body, String fallback) {
        JsonNode model = body.get("model");
        if (model == null && fallback != null) {
            return fallback;
        }
        if (model == null || !model.isString() || model.stringValue().isBlank()) {
            throw GatewayException.invalid("model", "Missing required parameter: 'model'.");
        }
        return model.stringValue();
    }

    private static OptionalInt positive(ObjectNode body, String field, int least) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || value.asInt() < least) {
            throw GatewayException.invalid(field, "Invalid '" + field + "': expected an integer of at least " + least
                    + ".");
        }
        return OptionalInt.of(value.asInt());
    }
}
