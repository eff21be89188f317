package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.DialectMatrix.Upstream;
import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The framing of streams on the wire, for every upstream: Gemini's JSON-array stream (the REST default) and its
 * {@code alt=sse} stream, and the exact event grammar of an Anthropic stream.
 */
class StreamFramingTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix();

    private static final String REPLY = "one two three four five";
    private static final String CONTENTS = """
            {"contents":[{"role":"user","parts":[{"text":"count"}]}]}""";

    /** The answer text of Gemini chunks, thoughts left out. */
    private static String text(List<JsonNode> chunks) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode chunk : chunks) {
            for (JsonNode part : chunk.at("/candidates/0/content/parts")) {
                if (!part.path("thought").asBoolean(false)) {
                    sb.append(part.path("text").asString(""));
                }
            }
        }
        return sb.toString();
    }

    private static void assertGeminiChunks(List<JsonNode> chunks) {
        assertThat(chunks).isNotEmpty().allSatisfy(c -> {
            assertThat(c.has("error")).isFalse();
            assertThat(c.path("candidates").isArray()).isTrue();
        });
        assertThat(text(chunks)).isEqualTo(REPLY);
        JsonNode last = chunks.getLast();
        assertThat(last.at("/candidates/0/finishReason").asString()).isEqualTo("STOP");
        assertThat(last.at("/usageMetadata/candidatesTokenCount").asInt()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void geminiStreamWithoutAltSseIsOneJsonArrayOfResponses(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply(REPLY));

        HttpResponse<String> response = ENV.gateway().post(ClientWire.geminiPath(upstream.model, true, false),
                CONTENTS, "x-goog-api-key", Gateway.KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        JsonNode body = Json.tryParse(response.body()).orElseThrow(() -> new AssertionError(
                "not one JSON document: " + response.body()));
        assertThat(body.isArray()).isTrue();
        List<JsonNode> chunks = new ArrayList<>();
        body.forEach(chunks::add);
        assertGeminiChunks(chunks);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void geminiStreamWithAltSseIsServerSentEvents(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply(REPLY));

        HttpResponse<String> response = ENV.gateway().post(ClientWire.geminiPath(upstream.model, true, true),
                CONTENTS, "x-goog-api-key", Gateway.KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.events()).allSatisfy(e -> assertThat(e).isEmpty());
        assertGeminiChunks(frames.frames().stream().map(SseFrames.Frame::json).toList());
    }

    @org.junit.jupiter.api.Test
    void geminiJsonArrayStreamFromAGeminiUpstreamKeepsTheThoughtSignatureForTheNextTurn() {
        ENV.upstream().enqueue(Behavior.toolCalls(DialectMatrix.WEATHER_CALL).withThinking("The user wants weather."));
        ENV.upstream().enqueue(Behavior.reply("Sunny."));
        String tools = """
                "tools":[{"functionDeclarations":[{"name":"get_weather",
                          "parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}}}}]}]""";

        HttpResponse<String> first = ENV.gateway().post(ClientWire.geminiPath("to-gemini", true, false), """
                {"contents":[{"role":"user","parts":[{"text":"Weather in Paris?"}]}],%s}""".formatted(tools),
                "x-goog-api-key", Gateway.KEY);

        JsonNode chunks = Json.MAPPER.readTree(first.body());
        JsonNode call = null;
        for (JsonNode chunk : chunks) {
            for (JsonNode part : chunk.at("/candidates/0/content/parts")) {
                if (part.has("functionCall")) {
                    call = part;
                }
            }
        }
        assertThat(call).as("a functionCall part in %s", first.body()).isNotNull();
        assertThat(call.path("thoughtSignature").asString()).isNotBlank();
        HttpResponse<String> second = ENV.gateway().post(ClientWire.geminiPath("to-gemini", false, false), """
                {"contents":[{"role":"user","parts":[{"text":"Weather in Paris?"}]},
                             {"role":"model","parts":[%s]},
                             {"role":"user","parts":[{"functionResponse":{"name":"get_weather",
                                                      "response":{"forecast":"sunny"}}}]}],%s}"""
                .formatted(Json.write(call), tools), "x-goog-api-key", Gateway.KEY);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    }

    static Stream<Arguments> anthropicStreams() {
        List<Arguments> cases = new ArrayList<>();
        for (Upstream upstream : Upstream.values()) {
            cases.add(Arguments.of(upstream, "text"));
            cases.add(Arguments.of(upstream, "thinking and a tool call"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} upstream, {1}")
    @MethodSource("anthropicStreams")
    void anthropicStreamFollowsTheEventGrammarWithContiguousBlocks(Upstream upstream, String reply) {
        ENV.upstream().setDefault(reply.equals("text") ? Behavior.reply(REPLY)
                : Behavior.toolCalls(DialectMatrix.WEATHER_CALL).withThinking("The user wants weather."));

        HttpResponse<String> response = ENV.gateway().post("/v1/messages", """
                {"model":"%s","max_tokens":4096,"stream":true,"thinking":{"type":"enabled","budget_tokens":2048},
                 "tools":[{"name":"get_weather","input_schema":{"type":"object",
                           "properties":{"city":{"type":"string"}}}}],
                 "messages":[{"role":"user","content":"Weather in Paris?"}]}""".formatted(upstream.model),
                "x-api-key", Gateway.KEY, "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(200);
        List<SseFrames.Frame> frames = SseFrames.parse(response.body()).frames();
        frames.forEach(f -> assertThat(f.json().path("type").asString()).as("data type of %s", f.event())
                .isEqualTo(f.event().orElseThrow()));
        int blocks = assertGrammar(frames.stream().map(f -> f.event().orElseThrow()).toList(), frames);
        assertThat(blocks).isPositive();
        JsonNode delta = frames.get(frames.size() - 2).json();
        assertThat(delta.at("/delta/stop_reason").asString()).isEqualTo(reply.equals("text") ? "end_turn" : "tool_use");
        assertThat(delta.at("/usage/output_tokens").asInt()).isPositive();
        assertThat(frames.getFirst().json().at("/message/role").asString()).isEqualTo("assistant");
    }

    /**
     * Checks {@code message_start ping? (content_block_start content_block_delta* content_block_stop)*
     * message_delta message_stop} with block indexes 0, 1, 2… in order; returns the number of blocks.
     */
    private static int assertGrammar(List<String> events, List<SseFrames.Frame> frames) {
        assertThat(events.getFirst()).isEqualTo("message_start");
        int i = 1;
        if (events.get(i).equals("ping")) {
            i++;
        }
        int block = 0;
        while (events.get(i).equals("content_block_start")) {
            assertThat(frames.get(i).json().path("index").asInt()).as("start of block %d in %s", block, events)
                    .isEqualTo(block);
            i++;
            while (events.get(i).equals("content_block_delta") || events.get(i).equals("ping")) {
                if (events.get(i).equals("content_block_delta")) {
                    assertThat(frames.get(i).json().path("index").asInt()).isEqualTo(block);
                }
                i++;
            }
            assertThat(events.get(i)).as("event %d of %s", i, events).isEqualTo("content_block_stop");
            assertThat(frames.get(i).json().path("index").asInt()).isEqualTo(block);
            i++;
            block++;
        }
        assertThat(events.subList(i, events.size())).as("the tail of %s", events)
                .containsExactly("message_delta", "message_stop");
        return block;
    }
}
