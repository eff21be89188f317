package dev.junction.dialect.responses;

import dev.junction.json.Json;
import dev.junction.model.StreamEvent;
import dev.junction.secret.Redactor;
import dev.junction.testing.TestFixtures;
import dev.junction.upstream.SseEvent;
import dev.junction.upstream.SseParser;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI Responses wire fixtures on the test classpath, SSE decode/encode shortcuts, and the normalisation that
 * lets a response written by the gateway be compared with a recorded one: ids (response, items) replaced by their
 * order of appearance, timestamps and {@code obfuscation} padding removed, numbers compared by value.
 */
final class ResponsesFixtures {

    private static final String DIR = "/fixtures/openai-responses/";

    private ResponsesFixtures() {}

    static byte[] bytes(String name) {
        return TestFixtures.bytes(DIR + name);
    }

    /** A JSON fixture as a fresh, mutable tree. */
    static ObjectNode json(String name) {
        return Json.parseObject(bytes(name));
    }

    /** The SSE events of a stream fixture. */
    static List<SseEvent> events(String name) {
        return parseSse(Buffer.buffer(bytes(name)));
    }

    static List<SseEvent> parseSse(Buffer body) {
        List<SseEvent> out = new ArrayList<>();
        SseParser parser = new SseParser(out::add);
        parser.feed(body);
        parser.end();
        return out;
    }

    /** The canonical events of a Responses stream. */
    static List<StreamEvent> decode(List<SseEvent> events) {
        ResponsesStreamDecoder decoder = new ResponsesStreamDecoder(Redactor.patternsOnly());
        List<StreamEvent> out = new ArrayList<>();
        events.forEach(e -> out.addAll(decoder.decode(e)));
        return out;
    }

    /** The SSE text an encoder writes for these events. */
    static String encodeToText(ResponsesStreamEncoder encoder, List<StreamEvent> events) {
        StringBuilder frames = new StringBuilder();
        events.forEach(e -> frames.append(encoder.encode(e)));
        return frames.toString();
    }

    /** The data objects of SSE events, after checking that each event's name equals its type. */
    static List<JsonNode> data(List<SseEvent> events) {
        List<JsonNode> out = new ArrayList<>();
        for (SseEvent event : events) {
            JsonNode data = Json.tryParse(event.data()).orElseThrow();
            if (!data.path("type").asString("").equals(event.event())) {
                throw new AssertionError("event " + event.event() + " carries type " + data.path("type"));
            }
            out.add(data);
        }
        return out;
    }

    /** A copy of a tree fit for comparison with a fixture: see the class comment. */
    static JsonNode comparable(JsonNode node) {
        return new Normaliser().apply(TestFixtures.normalized(node));
    }

    /** A copy of a list of trees, normalised together (ids numbered across the list). */
    static List<JsonNode> comparable(List<JsonNode> nodes) {
        Normaliser normaliser = new Normaliser();
        return nodes.stream().map(n -> normaliser.apply(TestFixtures.normalized(n))).toList();
    }

    private static final class Normaliser {
        private final Map<String, String> ids = new HashMap<>();

        JsonNode apply(JsonNode node) {
            if (node.isArray()) {
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                node.forEach(item -> out.add(apply(item)));
                return out;
            }
            if (!node.isObject()) {
                return node;
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                JsonNode value = e.getValue();
                if (key.equals("obfuscation") || key.equals("created_at") || key.equals("completed_at")) {
                    continue;
                }
                if ((key.equals("id") || key.equals("item_id")) && value.isString()) {
                    String id = value.stringValue();
                    String prefix = id.contains("_") ? id.substring(0, id.indexOf('_')) : "id";
                    out.put(key, ids.computeIfAbsent(id, k -> prefix + "#" + ids.size()));
                } else {
                    out.set(key, apply(value));
                }
            }
            return out;
        }
    }
}
