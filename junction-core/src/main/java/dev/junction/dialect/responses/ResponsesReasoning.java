package dev.junction.dialect.responses;

import static dev.junction.json.Json.optString;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayException;
import dev.junction.model.ThoughtSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code reasoning} items ⇄ canonical {@link ContentPart.Thinking}. OpenAI's own reasoning is kept as a signature
 * tagged {@link Dialect#OPENAI_RESPONSES} whose raw value is the item id and the {@code encrypted_content}
 * ({@code rs_…:gAAAA…}), so that an OpenAI upstream gets both back untouched; the summary becomes the thinking text
 * (parts joined by a blank line). Reasoning of other providers is shown to a Responses client as a summary with a
 * {@link ReasoningSeal sealed} {@code encrypted_content}, which restores it exactly on the next turn.
 */
final class ResponsesReasoning {

    /** Between the item id and the encrypted content in the raw signature; item ids never contain it. */
    private static final char SEPARATOR = ':';
    private static final String PARAGRAPH = "\n\n";

    private ResponsesReasoning() {}

    /** OpenAI's reference to reasoning it issued: the item id, and the encrypted content when it was included. */
    record Issued(String id, Optional<String> encryptedContent) {

        String raw() {
            return id + SEPARATOR + encryptedContent.orElse("");
        }
    }

    /** The reference inside a canonical signature OpenAI's Responses API issued, if it is one. */
    static Optional<Issued> issued(String canonicalSignature) {
        return ThoughtSignature.forUpstream(Dialect.OPENAI_RESPONSES, canonicalSignature).map(raw -> {
            int at = raw.indexOf(SEPARATOR);
            String id = at < 0 ? raw : raw.substring(0, at);
            String encrypted = at < 0 ? "" : raw.substring(at + 1);
            return new Issued(id, encrypted.isEmpty() ? Optional.empty() : Optional.of(encrypted));
        });
    }

    /** The thinking of a reasoning item an upstream answered with. Lenient, like every upstream reader. */
    static ContentPart.Thinking fromUpstream(JsonNode item) {
        JsonNode encrypted = item.get("encrypted_content");
        Issued issued = new Issued(item.path("id").asString(""), encrypted != null && encrypted.isString()
                && !encrypted.stringValue().isEmpty() ? Optional.of(encrypted.stringValue()) : Optional.empty());
        return new ContentPart.Thinking(text(item), Optional.of(ThoughtSignature.tag(Dialect.OPENAI_RESPONSES,
                issued.raw())), false);
    }

    /**
     * The thinking of a reasoning item a client replayed: the sealed thinking when the gateway made its
     * {@code encrypted_content}, else OpenAI's own reasoning. A field of the wrong type is a 400.
     */
    static ContentPart.Thinking fromClient(JsonNode item, String path, ReasoningSeal seal) {
        Optional<String> encrypted = optString(item, "encrypted_content", path + ".encrypted_content");
        Optional<ContentPart.Thinking> sealed = encrypted.flatMap(seal::open);
        if (sealed.isPresent()) {
            return sealed.get();
        }
        JsonNode summary = item.get("summary");
        if (summary != null && !summary.isNull() && !summary.isArray()) {
            throw GatewayException.invalid(path + ".summary", "Invalid type for '" + path
                    + ".summary': expected an array.");
        }
        for (int i = 0; summary != null && i < summary.size(); i++) {
            optString(summary.get(i), "text", path + ".summary[" + i + "].text");
        }
        Issued issued = new Issued(optString(item, "id", path + ".id").orElse(""), encrypted);
        return new ContentPart.Thinking(text(item), Optional.of(ThoughtSignature.tag(Dialect.OPENAI_RESPONSES,
                issued.raw())), false);
    }

    /**
     * The reasoning item a Responses client is shown, or empty for a thinking with neither text nor signature.
     * OpenAI's own reasoning keeps its id and encrypted content; any other is sealed under {@code fallbackId}.
     */
    static Optional<ObjectNode> forClient(ContentPart.Thinking thinking, String fallbackId, ReasoningSeal seal) {
        Optional<Issued> issued = thinking.signature().flatMap(ResponsesReasoning::issued);
        if (issued.isPresent()) {
            return Optional.of(item(issued.get().id(), thinking.text(), issued.get().encryptedContent()));
        }
        if (thinking.text().isEmpty() && thinking.signature().isEmpty()) {
            return Optional.empty();
        }
        String shown = thinking.redacted() ? "" : thinking.text();
        return Optional.of(item(fallbackId, shown, Optional.of(seal.seal(thinking))));
    }

    /**
     * The reasoning item to send back to an OpenAI Responses upstream: only reasoning it issued with its encrypted
     * content. Without that content the item could only be found in OpenAI's store, which translated requests do
     * not use ({@code store: false}); other providers' reasoning means nothing to OpenAI.
     */
    static Optional<ObjectNode> forUpstream(ContentPart.Thinking thinking) {
        return thinking.signature().flatMap(ResponsesReasoning::issued)
                .filter(i -> !i.id().isEmpty() && i.encryptedContent().isPresent())
                .map(i -> item(i.id(), thinking.text(), i.encryptedContent()));
    }

    /** A reasoning item: one summary part for the text (none when empty) and the encrypted content or null. */
    static ObjectNode item(String id, String text, Optional<String> encryptedContent) {
        ObjectNode item = Json.object().put("id", id).put("type", "reasoning");
        ArrayNode summary = item.putArray("summary");
        if (!text.isEmpty()) {
            summary.addObject().put("type", "summary_text").put("text", text);
        }
        encryptedContent.ifPresentOrElse(e -> item.put("encrypted_content", e), () -> item.putNull(
                "encrypted_content"));
        return item;
    }

    /** The summary texts joined by a blank line, or the raw reasoning text of open-weight models. */
    private static String text(JsonNode item) {
        List<String> parts = new ArrayList<>();
        for (JsonNode part : item.path("summary")) {
            parts.add(part.path("text").asString(""));
        }
        if (parts.isEmpty()) {
            for (JsonNode part : item.path("content")) {
                parts.add(part.path("text").asString(""));
            }
        }
        return String.join(PARAGRAPH, parts);
    }
}
