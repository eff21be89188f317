package dev.junction.conformance;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Structural JSON comparison: trees whose numbers compare by value whatever node type a parser picked. */
final class JsonTrees {

    private JsonTrees() {}

    /** A copy where every integral number is a long and every other number a double. */
    static JsonNode normalized(JsonNode node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return nodes.numberNode(node.longValue());
        }
        if (node.isNumber()) {
            return nodes.numberNode(node.doubleValue());
        }
        if (node.isArray()) {
            ArrayNode out = nodes.arrayNode();
            node.forEach(item -> out.add(normalized(item)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = nodes.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.set(e.getKey(), normalized(e.getValue()));
            }
            return out;
        }
        return node;
    }
}
