package dev.junction.dialect.responses;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bytes a {@link ReasoningSeal} protects: a {@link ContentPart.Thinking} as compact JSON
 * ({@code {"text":…,"signature":…,"redacted":…}}), so that a sealing implementation only encrypts and authenticates
 * bytes. Pure functions; thread safe.
 */
public final class SealedThinking {

    private SealedThinking() {}

    /** The thinking as UTF-8 JSON. */
    public static byte[] toBytes(ContentPart.Thinking thinking) {
        ObjectNode node = Json.object().put("text", thinking.text());
        thinking.signature().ifPresent(s -> node.put("signature", s));
        if (thinking.redacted()) {
            node.put("redacted", true);
        }
        return Json.bytes(node);
    }

    /** The thinking in bytes made by {@link #toBytes}, or empty when they are not such JSON. Never throws. */
    public static Optional<ContentPart.Thinking> fromBytes(byte[] bytes) {
        Optional<JsonNode> parsed = Json.tryParse(bytes);
        if (parsed.isEmpty() || !parsed.get().isObject() || !parsed.get().path("text").isString()) {
            return Optional.empty();
        }
        JsonNode node = parsed.get();
        JsonNode signature = node.get("signature");
        if (signature != null && !signature.isString()) {
            return Optional.empty();
        }
        return Optional.of(new ContentPart.Thinking(node.get("text").stringValue(),
                Optional.ofNullable(signature).map(JsonNode::stringValue), node.path("redacted").asBoolean(false)));
    }
}
