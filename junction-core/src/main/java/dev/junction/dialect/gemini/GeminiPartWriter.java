package dev.junction.dialect.gemini;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.ThoughtSignature;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code parts} of one Gemini {@code Content}. A signature announced by a thinking part waits here and is
 * attached, as {@code thoughtSignature}, to the next part written: the inverse of how {@link GeminiParts} reads it.
 * One instance per content; not thread safe.
 */
final class GeminiPartWriter {

    private final ArrayNode parts = Json.MAPPER.createArrayNode();
    private final Set<String> dropped;
    private String pendingSignature;

    /** @param dropped collects the client-facing names of what could not be written */
    GeminiPartWriter(Set<String> dropped) {
        this.dropped = dropped;
    }

    /** The signature (in wire form) for the next part; a later one replaces an unused earlier one. */
    void signature(String wire) {
        pendingSignature = wire;
    }

    /** Appends a part, attaching the pending signature unless the part carries its own. */
    void add(ObjectNode part) {
        if (pendingSignature != null && !part.has("thoughtSignature")) {
            part.put("thoughtSignature", pendingSignature);
        }
        pendingSignature = null;
        parts.add(part);
    }

    /**
     * Appends the model-output and user-input parts that Gemini can express: text, refusals as text, thinking
     * signatures of Gemini's own making (for an upstream) or as a client sees them, media, tool calls and Gemini
     * opaque parts. Tool results are the caller's business.
     *
     * @param toUpstream whether the parts go to a Gemini upstream (thought text is not sent back; foreign signatures
     *     are dropped) or to a Gemini client (thoughts are shown; every signature is shown as {@code forClient} says)
     */
    void write(ContentPart part, boolean toUpstream) {
        switch (part) {
            case ContentPart.Text t -> add(Json.object().put("text", t.text()));
            case ContentPart.Refusal r -> add(Json.object().put("text", r.text()));
            case ContentPart.Thinking t -> thinking(t, toUpstream);
            case ContentPart.Image i -> GeminiMedia.write(i, dropped).ifPresent(this::add);
            case ContentPart.Audio a -> GeminiMedia.write(a, dropped).ifPresent(this::add);
            case ContentPart.Document d -> GeminiMedia.write(d, dropped).ifPresent(this::add);
            case ContentPart.ToolCall call -> {
                Optional<ObjectNode> args = GeminiJson.argsObject(call.arguments());
                if (args.isEmpty()) {
                    dropped.add("tool_calls.arguments");
                }
                add(GeminiParts.functionCall(call.name(), args.orElseGet(Json::object)));
            }
            case ContentPart.Opaque o -> {
                if (o.dialect() == Dialect.GEMINI && o.raw().isObject()) {
                    add((ObjectNode) o.raw().deepCopy());
                }
            }
            case ContentPart.ToolResult r -> { /* written by the caller as functionResponse parts */ }
        }
    }

    private void thinking(ContentPart.Thinking t, boolean toUpstream) {
        if (t.redacted()) {
            return;
        }
        if (toUpstream) {
            // Gemini takes no thought text as input; only its own signatures mean anything to it.
            t.signature().flatMap(s -> ThoughtSignature.forUpstream(Dialect.GEMINI, s))
                    .ifPresent(this::signature);
            return;
        }
        Optional<String> signature = t.signature()
                .map(s -> ThoughtSignature.forClient(Dialect.GEMINI, s));
        if (t.text().isEmpty()) {
            signature.ifPresent(this::signature);
            return;
        }
        // Visible thinking keeps its own signature on its part (Anthropic's shape), so it cannot get lost.
        ObjectNode thought = Json.object().put("text", t.text()).put("thought", true);
        signature.ifPresent(s -> thought.put("thoughtSignature", s));
        add(thought);
    }

    /** Whether no part was written. */
    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** The parts written so far. */
    ArrayNode parts() {
        return parts;
    }
}
