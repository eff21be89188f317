package dev.junction.dialect.anthropic;

import com.anthropic.core.ObjectMappers;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.RawMessageStreamEvent;
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
 * Wire fixtures on the test classpath ({@code /fixtures/anthropic/} and {@code /fixtures/openai-chat/}), SSE
 * shortcuts, the official SDK's accumulator, and tree helpers for structural comparison.
 */
final class AnthropicFixtures {

    static final String ANTHROPIC = "/fixtures/anthropic/";
    static final String OPENAI = "/fixtures/openai-chat/";

    private AnthropicFixtures() {}

    static byte[] bytes(String dir, String name) {
        return TestFixtures.bytes(dir + name);
    }

    /** An Anthropic JSON fixture as a fresh, mutable tree. */
    static ObjectNode json(String name) {
        return Json.parseObject(bytes(ANTHROPIC, name));
    }

    /** An OpenAI JSON fixture as a fresh, mutable tree. */
    static ObjectNode openAi(String name) {
        return Json.parseObject(bytes(OPENAI, name));
    }

    /** The Anthropic fixtures whose names start with {@code prefix} and end with {@code suffix}, sorted. */
    static Stream<String> names(String prefix, String suffix) {
        URL dir = AnthropicFixtures.class.getResource(ANTHROPIC);
        if (dir == null) {
            throw new IllegalStateException("the fixture directory " + ANTHROPIC + " is not on the test classpath");
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

    /** The SSE events of a stream fixture. */
    static List<SseEvent> events(String dir, String name) {
        return parseSse(bytes(dir, name));
    }

    static List<SseEvent> parseSse(byte[] body) {
        List<SseEvent> out = new ArrayList<>();
        SseParser parser = new SseParser(out::add);
        parser.feed(Buffer.buffer(body));
        parser.end();
        return out;
    }

    /** The canonical events of an Anthropic stream. */
    static List<StreamEvent> decode(List<SseEvent> events) {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(Redactor.patternsOnly());
        List<StreamEvent> out = new ArrayList<>();
        events.forEach(e -> out.addAll(decoder.decode(e)));
        return out;
    }

    /** The wire text the encoder writes for these events. */
    static String encode(List<StreamEvent> events) {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder();
        StringBuilder out = new StringBuilder();
        events.forEach(e -> out.append(encoder.encode(e)));
        return out.toString();
    }

    /**
     * The message the official Java SDK's {@link MessageAccumulator} assembles from an SSE text, as a tree. Events
     * are parsed with the SDK's own mapper; {@code ping} and {@code error} are not message events.
     */
    static ObjectNode accumulate(String sse) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        var sdkJson = ObjectMappers.jsonMapper();
        try {
            for (SseEvent event : parseSse(sse.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                if (event.event().equals("ping") || event.event().equals("error")) {
                    continue;
                }
                accumulator.accumulate(sdkJson.readValue(event.data(), RawMessageStreamEvent.class));
            }
            return Json.parseObject(sdkJson.writeValueAsBytes(accumulator.message()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy where integral numbers are longs and others doubles, so trees compare by value. */
    static JsonNode normalized(JsonNode node) {
        return TestFixtures.normalized(node);
    }

    /** The usage counters a canonical round trip keeps (the cache TTL breakdown and tier are extras). */
    static ObjectNode counters(JsonNode usage) {
        ObjectNode out = Json.object();
        for (String field : List.of("input_tokens", "output_tokens", "cache_creation_input_tokens",
                "cache_read_input_tokens")) {
            out.put(field, usage.path(field).asLong(0));
        }
        return out;
    }
}
