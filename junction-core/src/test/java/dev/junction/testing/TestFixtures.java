package dev.junction.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** What every dialect's fixture helpers share: reading a test resource, and comparing JSON trees by value. */
public final class TestFixtures {

    private TestFixtures() {}

    /** The bytes of a resource on the test classpath, such as {@code /fixtures/anthropic/request.basic.json}. */
    public static byte[] bytes(String path) {
        try (InputStream in = TestFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path + " on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of the tree where every integral number is a long and every other number a double, so that trees
     * compare by value: Jackson reads {@code 19} as an int node but the mappers write longs.
     */
    public static JsonNode normalized(JsonNode node) {
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
