package dev.junction.dialect.openai;

import static dev.junction.dialect.openai.OpenAiFixtures.decode;
import static dev.junction.dialect.openai.OpenAiFixtures.encode;
import static dev.junction.dialect.openai.OpenAiFixtures.events;
import static dev.junction.dialect.openai.OpenAiFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.TokenLogprob;
import dev.junction.model.Usage;
import dev.junction.upstream.SseEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OpenAiStreamEncoderTest {

    private static List<StreamEvent> textStream() {
        return decode(events("response.stream.sse"));
    }

    private static List<StreamEvent> toolStream() {
        return decode(events("response.tools.stream.sse"));
    }

    @ParameterizedTest(name = "includeUsage={0}")
    @ValueSource(booleans = {true, false})
    void firstChunkAnnouncesTheAssistantRole(boolean includeUsage) {
        List<SseEvent> sse = encode(textStream(), includeUsage);

        JsonNode first = chunk(sse.getFirst());
        assertThat(first.at("/choices/0/delta")).isEqualTo(Json.tryParse(
                "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}").orElseThrow());
        assertThat(first.at("/choices/0/finish_reason").isNull()).isTrue();
    }

    @Test
    void turnOpeningWithAToolCallAnnouncesTheRoleInTheSameChunkLikeOpenAi() {
        List<SseEvent> sse = encode(toolStream(), false);

        JsonNode delta = chunk(sse.getFirst()).at("/choices/0/delta");
        JsonNode original = chunk(events("response.tools.stream.sse").getFirst()).at("/choices/0/delta");
        assertThat(delta).isEqualTo(original);
    }

    @ParameterizedTest(name = "includeUsage={0}")
    @ValueSource(booleans = {true, false})
    void doneMarkerIsTheLastEventAndAppearsOnce(boolean includeUsage) {
        List<SseEvent> sse = encode(textStream(), includeUsage);

        assertThat(sse.getLast().data()).isEqualTo("[DONE]");
        assertThat(sse).filteredOn(e -> e.data().equals("[DONE]")).hasSize(1);
    }

    @Test
    void usageChunkWithNoChoicesPrecedesDoneWhenUsageIsIncluded() {
        List<SseEvent> sse = encode(textStream(), true);

        JsonNode usageChunk = chunk(sse.get(sse.size() - 2));
        assertThat(usageChunk.get("choices").isEmpty()).isTrue();
        assertThat(OpenAiUsage.read(usageChunk.get("usage"))).isEqualTo(new Usage(19, 10, 0, 0, 0));
        assertThat(sse.subList(0, sse.size() - 2)).allSatisfy(e -> assertThat(chunk(e).get("usage").isNull())
                .as("usage is null on content chunks").isTrue());
    }

    @Test
    void noChunkCarriesUsageWhenUsageIsNotIncluded() {
        List<SseEvent> sse = encode(textStream(), false);

        assertThat(sse.subList(0, sse.size() - 1)).allSatisfy(e -> {
            assertThat(chunk(e).has("usage")).isFalse();
            assertThat(chunk(e).get("choices").isEmpty()).isFalse();
        });
    }

    @Test
    void everyChunkRepeatsTheIdCreatedAndModelOfTheMessageStart() {
        List<SseEvent> sse = encode(toolStream(), true);

        assertThat(sse.subList(0, sse.size() - 1)).allSatisfy(e -> {
            JsonNode c = chunk(e);
            assertThat(c.get("id").stringValue()).isEqualTo("chatcmpl-C5tXqgVfYJq0kPzm1R3LwD2Hn8sTa");
            assertThat(c.get("object").stringValue()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("created").longValue()).isEqualTo(1755514512L);
            assertThat(c.get("model").stringValue()).isEqualTo("gpt-4o-2024-08-06");
        });
    }

    @Test
    void toolCallOpensWithItsIdNameAndEmptyArgumentsThenSendsOnlyFragments() {
        List<SseEvent> sse = encode(toolStream(), false);

        List<JsonNode> toolDeltas = sse.stream().filter(e -> !e.data().equals("[DONE]")).map(e -> chunk(e)
                .at("/choices/0/delta/tool_calls/0")).filter(n -> !n.isMissingNode()).toList();
        assertThat(normalized(toolDeltas.getFirst())).isEqualTo(normalized(Json.tryParse("""
                {"index":0,"id":"call_8fxy20OEu9ulvvaa5b5CzVA4","type":"function",
                 "function":{"name":"get_current_weather","arguments":""}}""").orElseThrow()));
        assertThat(toolDeltas.get(1).propertyNames()).containsExactlyInAnyOrder("index", "function");
        assertThat(toolDeltas.get(1).get("function").propertyNames()).containsExactly("arguments");
    }

    @Test
    void toolArgumentFragmentsReassembleToValidJson() {
        ObjectNode completion = OpenAiChunkAccumulator.accumulate(encode(toolStream(), false));

        for (JsonNode call : completion.at("/choices/0/message/tool_calls")) {
            String arguments = call.at("/function/arguments").stringValue();
            assertThat(Json.tryParse(arguments)).as("arguments %s", arguments)
                    .hasValueSatisfying(args -> assertThat(args.isObject()).isTrue());
        }
        assertThat(completion.at("/choices/0/message/tool_calls").size()).isEqualTo(2);
    }

    @Test
    void secondToolCallIsNumberedOneEvenAfterATextBlock() {
        List<StreamEvent> events = List.of(
                new StreamEvent.MessageStart("id", "m", 1, Usage.ZERO),
                new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Text()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("Let me check.")),
                new StreamEvent.BlockStop(0, 0),
                new StreamEvent.BlockStart(0, 1, new StreamEvent.Block.ToolCall("call_a", "f")),
                new StreamEvent.BlockDelta(0, 1, new StreamEvent.Delta.Arguments("{}")),
                new StreamEvent.BlockStop(0, 1),
                new StreamEvent.BlockStart(0, 2, new StreamEvent.Block.ToolCall("call_b", "g")),
                new StreamEvent.BlockDelta(0, 2, new StreamEvent.Delta.Arguments("{}")),
                new StreamEvent.BlockStop(0, 2),
                new StreamEvent.Finish(0, dev.junction.model.FinishReason.TOOL_CALLS),
                new StreamEvent.MessageStop());

        ObjectNode completion = OpenAiChunkAccumulator.accumulate(encode(events, false));

        assertThat(completion.at("/choices/0/message/content").stringValue()).isEqualTo("Let me check.");
        assertThat(completion.at("/choices/0/message/tool_calls/0/id").stringValue()).isEqualTo("call_a");
        assertThat(completion.at("/choices/0/message/tool_calls/1/id").stringValue()).isEqualTo("call_b");
    }

    @Test
    void textLogprobsAreWrittenOnTheChunksChoice() {
        TokenLogprob token = new TokenLogprob("Hi", -0.5, Optional.of(List.of(72, 105)), List.of());
        List<StreamEvent> events = List.of(
                new StreamEvent.MessageStart("id", "m", 1, Usage.ZERO),
                new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Text()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("Hi", List.of(token))));

        List<SseEvent> sse = encode(events, false);

        assertThat(normalized(chunk(sse.getLast()).at("/choices/0/logprobs"))).isEqualTo(normalized(
                Json.tryParse("{\"content\":[{\"token\":\"Hi\",\"logprob\":-0.5,\"bytes\":[72,105],"
                        + "\"top_logprobs\":[]}],\"refusal\":null}").orElseThrow()));
    }

    @Test
    void thinkingHasNoChatCompletionsCounterpartAndIsNotSent() {
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(false);
        encoder.encode(new StreamEvent.MessageStart("id", "m", 1, Usage.ZERO));

        assertThat(encoder.encode(new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Thinking())))
                .as("at most the role announcement").doesNotContain("hmm").doesNotContain("tool_calls");
        assertThat(encoder.encode(new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Thinking("hmm")))).isEmpty();
        assertThat(encoder.encode(new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Signature("sig"))))
                .isEmpty();
    }

    @Test
    void streamErrorIsWrittenAsAnOpenAiErrorObjectWithoutDone() {
        List<StreamEvent> events = List.of(
                new StreamEvent.MessageStart("id", "m", 1, Usage.ZERO),
                new StreamEvent.StreamError(new GatewayError.BadGateway("The upstream broke.", false)));

        List<SseEvent> sse = encode(events, true);

        assertThat(normalized(chunk(sse.getLast()))).isEqualTo(normalized(Json.tryParse("""
                {"error":{"message":"The upstream broke.","type":"upstream_error","param":null,
                          "code":"bad_gateway"}}""").orElseThrow()));
        assertThat(sse).noneMatch(e -> e.data().equals("[DONE]"));
    }

    @Test
    void encoderRemembersWhetherUsageWasReported() {
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(false);
        encoder.encode(new StreamEvent.MessageStart("id", "m", 1, Usage.ZERO));
        assertThat(encoder.sawUsage()).isFalse();

        encoder.encode(new StreamEvent.UsageUpdate(new Usage(1, 2, 0, 0, 0)));

        assertThat(encoder.sawUsage()).isTrue();
    }

    private static JsonNode chunk(SseEvent event) {
        return Json.tryParse(event.data()).orElseThrow();
    }
}
