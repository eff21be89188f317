package dev.junction.dialect.openai;

import dev.junction.json.Json;
import dev.junction.testing.TestFixtures;
import dev.junction.model.StreamEvent;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import dev.junction.upstream.SseParser;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI Chat Completions wire fixtures on the test classpath, SSE decode/encode shortcuts, and tree helpers for
 * comparing against the fixtures.
 */
final class OpenAiFixtures {

    private static final String DIR = "/fixtures/openai-chat/";

    private OpenAiFixtures() {}

    /** The raw bytes of one fixture. */
    static byte[] bytes(String name) {
        return TestFixtures.bytes(DIR + name);
    }

    /** A JSON fixture as a fresh, mutable tree. */
    static ObjectNode json(String name) {
        return Json.parseObject(bytes(name));
    }

    /** The names of the fixtures whose names start with {@code prefix} and end with {@code suffix}, sorted. */
    static Stream<String> names(String prefix, String suffix) {
        URL dir = OpenAiFixtures.class.getResource(DIR);
        if (dir == null) {
            throw new IllegalStateException("the fixture directory " + DIR + " is not on the test classpath");
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(suffix))
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no fixtures " + prefix + "*" + suffix);
            }
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SSE events of a stream fixture, parsed in one go. */
    static List<SseEvent> events(String name) {
        return parseSse(Buffer.buffer(bytes(name)));
    }

    /** The SSE events of a body. */
    static List<SseEvent> parseSse(Buffer body) {
        List<SseEvent> out = new ArrayList<>();
        SseParser parser = new SseParser(out::add);
        parser.feed(body);
        parser.end();
        return out;
    }

    /** The SSE events an encoder produces for these canonical events. */
    static List<SseEvent> encode(List<StreamEvent> events, boolean includeUsage) {
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(includeUsage);
        StringBuilder frames = new StringBuilder();
        events.forEach(e -> frames.append(encoder.encode(e)));
        return parseSse(Buffer.buffer(frames.toString()));
    }

    /** The canonical events of an SSE body, decoded as an OpenAI stream. */
    static List<StreamEvent> decode(List<SseEvent> events) {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(Redactor.patternsOnly());
        List<StreamEvent> out = new ArrayList<>();
        events.forEach(e -> out.addAll(decoder.decode(e.data())));
        return out;
    }

    /**
     * A copy of the tree where every integral number is a long and every other number a double, so that trees
     * compare by value: Jackson reads {@code 19} as an int node but the mappers write longs.
     */
    static JsonNode normalized(JsonNode node) {
        return TestFixtures.normalized(node);
    }

    /**
     * The response fixture as the gateway can reproduce it: without {@code message.annotations} (web-search
     * citations, which the canonical model does not carry) and without the usage counters the canonical
     * {@link dev.junction.model.Usage} has no field for (audio and predicted-output tokens).
     */
    static ObjectNode withoutUntrackedFields(ObjectNode response) {
        ObjectNode copy = response.deepCopy();
        for (JsonNode choice : copy.path("choices")) {
            ((ObjectNode) choice.get("message")).remove("annotations");
        }
        if (copy.get("usage") instanceof ObjectNode usage) {
            withoutUntrackedUsage(usage);
        }
        return copy;
    }

    /** Removes the audio and predicted-output counters from a usage object, in place. */
    static ObjectNode withoutUntrackedUsage(ObjectNode usage) {
        if (usage.get("prompt_tokens_details") instanceof ObjectNode prompt) {
            prompt.remove("audio_tokens");
        }
        if (usage.get("completion_tokens_details") instanceof ObjectNode completion) {
            completion.remove(List.of("audio_tokens", "accepted_prediction_tokens", "rejected_prediction_tokens"));
        }
        return usage;
    }
}
