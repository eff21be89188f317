package dev.junction.conformance;

import dev.junction.dialect.StreamDecoder;
import dev.junction.dialect.StreamEncoder;
import dev.junction.json.Json;
import dev.junction.model.StreamEvent;
import dev.junction.upstream.SseEvent;
import dev.junction.upstream.SseParser;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Moving streams between wire text, SSE events and canonical events with the production parser, decoders and
 * encoders: a source fixture is split and decoded, the canonical events are encoded for the target.
 */
final class SseFrames {

    private SseFrames() {}

    /** The SSE events of a body, parsed by the gateway's own parser. */
    static List<SseEvent> parse(String body) {
        List<SseEvent> out = new ArrayList<>();
        SseParser parser = new SseParser(out::add);
        parser.feed(Buffer.buffer(body));
        parser.end();
        return out;
    }

    /** The canonical events of a stream fixture decoded by its dialect's decoder, with what {@code finish()} adds. */
    static List<StreamEvent> decode(WireDialect dialect, String fixture) {
        return decode(dialect, parse(Fixtures.text(dialect, fixture)));
    }

    /** The canonical events of SSE events decoded by the dialect's decoder, with what {@code finish()} adds. */
    static List<StreamEvent> decode(WireDialect dialect, List<SseEvent> events) {
        StreamDecoder decoder = dialect.decoder();
        List<StreamEvent> out = new ArrayList<>();
        events.forEach(e -> out.addAll(decoder.decode(e)));
        out.addAll(decoder.finish());
        return out;
    }

    /** The wire text an encoder writes for these events. */
    static String encode(StreamEncoder encoder, List<StreamEvent> events) {
        StringBuilder out = new StringBuilder();
        events.forEach(e -> out.append(encoder.encode(e)));
        return out.toString();
    }

    /** The elements of a Gemini JSON-array stream body ({@code alt} not {@code sse}). */
    static List<JsonNode> jsonArrayElements(String body) {
        JsonNode array = Json.tryParse(body).orElseThrow(() -> new AssertionError("not one JSON document: " + body));
        if (!array.isArray()) {
            throw new AssertionError("not a JSON array: " + body);
        }
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
