package dev.junction.stage.guard;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The prose of a chat request's body in any of the three chat dialects or the Responses API, where guardrails look:
 * every string under a field named {@code content}, {@code text}, {@code system}, {@code instructions},
 * {@code input} or {@code output} (OpenAI's message content and parts and tool results, Anthropic's system, content
 * blocks and tool results, Gemini's parts, Responses' instructions, input items and function-call outputs), skipping
 * the subtrees that hold no prose of the conversation (tool definitions, schemas, generation settings). Working on
 * the body keeps the fast path: a masked body is what a same-dialect upstream receives, and the canonical form is
 * derived from it again.
 */
final class RequestTexts {

    private static final Set<String> PROSE = Set.of("content", "text", "system", "instructions", "input", "output");
    private static final Set<String> SKIPPED = Set.of("tools", "functions", "tool_choice", "response_format",
            "generationConfig", "safetySettings", "toolConfig", "metadata", "image_url", "inlineData", "inline_data",
            "fileData", "source");

    private RequestTexts() {
    }

    /** Calls {@code visitor} with every prose string of {@code body}; stops early when it returns false. */
    static void forEach(JsonNode body, Predicate<String> visitor) {
        visit(body, false, visitor);
    }

    private static boolean visit(JsonNode node, boolean prose, Predicate<String> visitor) {
        if (node.isString()) {
            return !prose || visitor.test(node.stringValue());
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!visit(element, prose, visitor)) {
                    return false;
                }
            }
            return true;
        }
        if (node.isObject()) {
            for (var field : node.properties()) {
                if (!SKIPPED.contains(field.getKey())
                        && !visit(field.getValue(), PROSE.contains(field.getKey()), visitor)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A deep copy of {@code body} with every prose string replaced by {@code rewrite}'s result. */
    static ObjectNode rewritten(ObjectNode body, UnaryOperator<String> rewrite) {
        ObjectNode copy = body.deepCopy();
        rewrite(copy, false, rewrite);
        return copy;
    }

    private static void rewrite(JsonNode node, boolean prose, UnaryOperator<String> rewrite) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (element.isString() && prose) {
                    array.set(i, rewrite.apply(element.stringValue()));
                } else {
                    rewrite(element, prose, rewrite);
                }
            }
        } else if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                if (SKIPPED.contains(name)) {
                    continue;
                }
                JsonNode value = object.get(name);
                boolean isProse = PROSE.contains(name);
                if (value.isString() && isProse) {
                    object.put(name, rewrite.apply(value.stringValue()));
                } else {
                    rewrite(value, isProse, rewrite);
                }
            }
        }
    }
}
