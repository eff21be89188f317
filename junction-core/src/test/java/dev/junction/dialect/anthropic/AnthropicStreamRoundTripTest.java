package dev.junction.dialect.anthropic;

import static dev.junction.dialect.anthropic.AnthropicFixtures.ANTHROPIC;
import static dev.junction.dialect.anthropic.AnthropicFixtures.OPENAI;
import static dev.junction.dialect.anthropic.AnthropicFixtures.accumulate;
import static dev.junction.dialect.anthropic.AnthropicFixtures.counters;
import static dev.junction.dialect.anthropic.AnthropicFixtures.decode;
import static dev.junction.dialect.anthropic.AnthropicFixtures.encode;
import static dev.junction.dialect.anthropic.AnthropicFixtures.events;
import static dev.junction.dialect.anthropic.AnthropicFixtures.json;
import static dev.junction.dialect.anthropic.AnthropicFixtures.normalized;
import static dev.junction.dialect.anthropic.AnthropicFixtures.openAi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.openai.OpenAiStreamDecoder;
import dev.junction.json.Json;
import dev.junction.model.StreamEvent;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams decoded to canonical events, re-encoded with {@link AnthropicStreamEncoder} and assembled by the official
 * Java SDK's {@code MessageAccumulator}, against the non-stream twin of each fixture: the content, the stop reason
 * and the usage counters must match.
 */
class AnthropicStreamRoundTripTest {

    private static final Set<String> BLOCK_FIELDS = Set.of("type", "text", "id", "name", "input", "thinking",
            "signature", "data");

    static Stream<Arguments> anthropicTwins() {
        return Stream.of(Arguments.of("response.stream.sse", "response.basic.json"),
                Arguments.of("response.tools.stream.sse", "response.tools.json"),
                Arguments.of("response.thinking.stream.sse", "response.thinking.json"));
    }

    @ParameterizedTest(name = "{0} ↔ {1}")
    @MethodSource("anthropicTwins")
    void anAnthropicStreamReencodedAccumulatesIntoItsNonStreamTwin(String stream, String twin) {
        ObjectNode message = accumulate(encode(decode(events(ANTHROPIC, stream))));

        ObjectNode expected = json(twin);
        assertThat(normalized(content(message))).isEqualTo(normalized(content(expected)));
        assertThat(message.get("stop_reason")).isEqualTo(expected.get("stop_reason"));
        assertThat(counters(message.get("usage"))).isEqualTo(counters(expected.get("usage")));
        assertThat(message.get("model")).isEqualTo(expected.get("model"));
    }

    static Stream<Arguments> openAiTwins() {
        return Stream.of(Arguments.of("response.stream.sse", "response.basic.json", "end_turn"),
                Arguments.of("response.tools.stream.sse", "response.tools.json", "tool_use"));
    }

    @ParameterizedTest(name = "{0} ↔ {1}")
    @MethodSource("openAiTwins")
    void anOpenAiStreamEncodedForAnAnthropicClientAccumulatesIntoTheOpenAiAnswer(String stream, String twin,
                                                                                String stopReason) {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(Redactor.patternsOnly());
        List<StreamEvent> canonical = new ArrayList<>();
        for (SseEvent event : events(OPENAI, stream)) {
            canonical.addAll(decoder.decode(event.data()));
        }

        ObjectNode message = accumulate(encode(canonical));

        JsonNode expected = openAi(twin).get("choices").get(0).get("message");
        List<JsonNode> blocks = new ArrayList<>();
        message.get("content").forEach(blocks::add);
        JsonNode text = expected.get("content");
        List<JsonNode> calls = new ArrayList<>();
        expected.path("tool_calls").forEach(calls::add);
        assertThat(blocks).hasSize((text.isString() ? 1 : 0) + calls.size());
        if (text.isString()) {
            assertThat(blocks.getFirst().get("text")).isEqualTo(text);
        }
        for (int i = 0; i < calls.size(); i++) {
            JsonNode block = blocks.get(blocks.size() - calls.size() + i);
            assertThat(block.get("id")).isEqualTo(calls.get(i).get("id"));
            assertThat(block.get("input")).isEqualTo(Json.tryParse(calls.get(i).get("function").get("arguments")
                    .stringValue()).orElseThrow());
        }
        assertThat(message.get("stop_reason").stringValue()).isEqualTo(stopReason);
        JsonNode usage = openAi(twin).get("usage");
        assertThat(message.get("usage").get("input_tokens").longValue())
                .isEqualTo(usage.get("prompt_tokens").longValue());
        assertThat(message.get("usage").get("output_tokens").longValue())
                .isEqualTo(usage.get("completion_tokens").longValue());
    }

    /** The content blocks with only the fields both sides carry (the SDK adds nulls such as citations). */
    private static ArrayNode content(ObjectNode message) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode block : message.get("content")) {
            ObjectNode kept = out.addObject();
            block.properties().forEach(e -> {
                if (BLOCK_FIELDS.contains(e.getKey()) && !e.getValue().isNull()) {
                    kept.set(e.getKey(), e.getValue());
                }
            });
        }
        return out;
    }
}
