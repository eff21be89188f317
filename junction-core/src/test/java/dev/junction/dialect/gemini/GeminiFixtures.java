package dev.junction.dialect.gemini;

import dev.junction.json.Json;
import dev.junction.testing.TestFixtures;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Extensions;
import dev.junction.model.FinishReason;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import dev.junction.upstream.SseParser;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wire fixtures on the test classpath ({@code fixtures/gemini/}, {@code fixtures/openai-chat/}), stream shortcuts,
 * and a canonical accumulator that turns an event sequence into the response it describes, for comparing streams
 * with their non-stream twins.
 */
final class GeminiFixtures {

    static final String GEMINI = "/fixtures/gemini/";
    static final String OPENAI = "/fixtures/openai-chat/";

    /** The generateContent request fixtures (the others are countTokens and embeddings bodies). */
    static final List<String> REQUESTS = List.of("request.basic.json", "request.image.json",
            "request.json-schema.json", "request.stream.json", "request.thinking.json", "request.tool-result.json",
            "request.tools.json", "request.tools.stream.json");

    /** The generateContent response fixtures. */
    static final List<String> RESPONSES = List.of("response.basic.json", "response.finish-safety.json",
            "response.json-schema.json", "response.prompt-blocked.json", "response.thinking.json",
            "response.tool-result.json", "response.tools.json");

    private GeminiFixtures() {}

    static byte[] bytes(String dir, String name) {
        return TestFixtures.bytes(dir + name);
    }

    /** A Gemini JSON fixture as a fresh tree. */
    static ObjectNode gemini(String name) {
        return Json.parseObject(bytes(GEMINI, name));
    }

    /** An OpenAI Chat JSON fixture as a fresh tree. */
    static ObjectNode openai(String name) {
        return Json.parseObject(bytes(OPENAI, name));
    }

    static String text(String dir, String name) {
        return new String(bytes(dir, name), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The SSE events of a body. */
    static List<SseEvent> parseSse(String body) {
        List<SseEvent> out = new ArrayList<>();
        SseParser parser = new SseParser(out::add);
        parser.feed(Buffer.buffer(body));
        parser.end();
        return out;
    }

    /** The elements of a JSON-array stream as the SSE events an {@code alt=sse} stream would carry. */
    static List<SseEvent> parseArrayStream(String body) {
        JsonNode array = Json.tryParse(body).orElseThrow(() -> new AssertionError("not JSON: " + body));
        List<SseEvent> out = new ArrayList<>();
        array.forEach(element -> out.add(SseEvent.of("data: " + Json.write(element) + "\r\n\r\n")));
        return out;
    }

    /** The canonical events of Gemini SSE events, including what {@code finish()} adds. */
    static List<StreamEvent> decode(List<SseEvent> events) {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder(Redactor.patternsOnly());
        List<StreamEvent> out = new ArrayList<>();
        events.forEach(e -> out.addAll(decoder.decode(e)));
        out.addAll(decoder.finish());
        return out;
    }

    /** The wire text the Gemini encoder writes for these events. */
    static String encode(List<StreamEvent> events, boolean sse) {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder(sse);
        StringBuilder out = new StringBuilder();
        events.forEach(e -> out.append(encoder.encode(e)));
        return out.toString();
    }

    /** Encodes with the Gemini encoder in one framing and decodes again. */
    static List<StreamEvent> reencode(List<StreamEvent> events, boolean sse) {
        String wire = encode(events, sse);
        return decode(sse ? parseSse(wire) : parseArrayStream(wire));
    }

    /**
     * The response an event sequence describes, normalised for comparison: deltas of a block joined into one part,
     * tool-call ids blanked (Gemini's are generated afresh each time), {@code created} 0, no extensions.
     */
    static ChatResponse accumulate(List<StreamEvent> events) {
        String id = "";
        String model = "";
        Usage usage = Usage.ZERO;
        Map<Integer, Map<Integer, Block>> blocks = new TreeMap<>();
        Map<Integer, FinishReason> finishes = new TreeMap<>();
        for (StreamEvent event : events) {
            switch (event) {
                case StreamEvent.MessageStart s -> {
                    id = s.id();
                    model = s.model();
                }
                case StreamEvent.BlockStart s -> blocks.computeIfAbsent(s.choice(), c -> new TreeMap<>())
                        .put(s.index(), new Block(s.block()));
                case StreamEvent.BlockDelta d -> blocks.get(d.choice()).get(d.index()).add(d.delta());
                case StreamEvent.Finish f -> finishes.put(f.choice(), f.reason());
                case StreamEvent.UsageUpdate u -> usage = u.usage();
                case StreamEvent.StreamError e -> throw new AssertionError("stream failed: " + e.error());
                default -> { }
            }
        }
        List<Choice> choices = new ArrayList<>();
        for (int choice : finishes.keySet()) {
            List<ContentPart> parts = blocks.getOrDefault(choice, Map.of()).values().stream().map(Block::part)
                    .toList();
            choices.add(new Choice(choice, new Message(Role.ASSISTANT, parts, Optional.empty()),
                    Optional.of(finishes.get(choice)), List.of()));
        }
        return new ChatResponse(id, model, 0, choices, usage, Extensions.none());
    }

    /** A response normalised like {@link #accumulate}: blank tool-call ids, {@code created} 0, no extensions. */
    static ChatResponse normalised(ChatResponse response) {
        List<Choice> choices = response.choices().stream().map(c -> new Choice(c.index(),
                new Message(Role.ASSISTANT, c.message().content().stream().map(GeminiFixtures::blankId).toList(),
                        Optional.empty()), c.finishReason(), List.of())).toList();
        return new ChatResponse(response.id(), response.model(), 0, choices, response.usage(), Extensions.none());
    }

    private static ContentPart blankId(ContentPart part) {
        return part instanceof ContentPart.ToolCall call ? new ContentPart.ToolCall("", call.name(), call.arguments())
                : part;
    }

    /** One block being accumulated. */
    private static final class Block {
        final StreamEvent.Block kind;
        final StringBuilder text = new StringBuilder();
        String signature;

        Block(StreamEvent.Block kind) {
            this.kind = kind;
        }

        void add(StreamEvent.Delta delta) {
            switch (delta) {
                case StreamEvent.Delta.Text t -> text.append(t.text());
                case StreamEvent.Delta.Arguments a -> text.append(a.fragment());
                case StreamEvent.Delta.Thinking t -> text.append(t.text());
                case StreamEvent.Delta.Refusal r -> text.append(r.text());
                case StreamEvent.Delta.Signature s -> signature = s.signature();
            }
        }

        ContentPart part() {
            return switch (kind) {
                case StreamEvent.Block.Text t -> new ContentPart.Text(text.toString());
                case StreamEvent.Block.ToolCall c -> new ContentPart.ToolCall("", c.name(), text.toString());
                case StreamEvent.Block.Thinking t -> new ContentPart.Thinking(text.toString(),
                        Optional.ofNullable(signature), false);
                case StreamEvent.Block.Refusal r -> new ContentPart.Refusal(text.toString());
            };
        }
    }

    /**
     * A copy of the tree where every integral number is a long and every other number a double, so that trees
     * compare by value.
     */
    static JsonNode normalized(JsonNode node) {
        return TestFixtures.normalized(node);
    }
}
