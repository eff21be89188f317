package dev.junction.dialect.cohere;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.testing.TestFixtures;
import dev.junction.upstream.SseEvent;
import dev.junction.upstream.SseParser;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Cohere mappers and decoder against the captured fixtures ({@code fixtures/cohere/}). */
class CohereDialectTest {

    private static JsonNode fixture(String name) {
        return Json.tryParse(TestFixtures.bytes("/fixtures/cohere/" + name)).orElseThrow();
    }

    private static ObjectNode fromOpenAi(String json) {
        return CohereRequestMapper.fromCanonical(OpenAiRequestMapper.toCanonical(Json.parseObject(
                json.getBytes(StandardCharsets.UTF_8))), "command-a-03-2025", new LinkedHashSet<>());
    }

    private static List<StreamEvent> decode(byte[] stream) {
        CohereStreamDecoder decoder = new CohereStreamDecoder(Redactor.of(List.of()));
        List<StreamEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(e -> events.addAll(decoder.decode(e)));
        parser.feed(Buffer.buffer(stream));
        parser.end();
        return events;
    }

    @Test
    void anOpenAiRequestBecomesTheFixturesBody() {
        ObjectNode body = fromOpenAi("""
                {"model":"x","messages":[{"role":"system","content":"You are a helpful assistant."},
                  {"role":"user","content":"What's the weather like in Paris right now?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Get the current weather",
                   "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}],
                 "max_tokens":512,"temperature":0.3}""");
        body.remove("stream"); // the capture left the default out

        assertThat(TestFixtures.normalized(body)).isEqualTo(TestFixtures.normalized(fixture("request.chat.json")));
    }

    @Test
    void samplingUsesCoheresNamesAndToolChoiceItsWords() {
        ObjectNode body = fromOpenAi("""
                {"model":"x","messages":[{"role":"user","content":"hi"}],"top_p":0.9,"stop":["END"],"seed":7,
                 "frequency_penalty":0.5,"tool_choice":"required","response_format":{"type":"json_object"},
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}""");

        assertThat(body.path("p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("stop_sequences").get(0).asString()).isEqualTo("END");
        assertThat(body.path("seed").asLong()).isEqualTo(7);
        assertThat(body.path("frequency_penalty").asDouble()).isEqualTo(0.5);
        assertThat(body.path("tool_choice").asString()).isEqualTo("REQUIRED");
        assertThat(body.path("response_format").path("type").asString()).isEqualTo("json_object");
    }

    @Test
    void toolCallsKeepTheirArgumentTextAndResultsTheirCallId() {
        ObjectNode body = fromOpenAi("""
                {"model":"x","messages":[{"role":"user","content":"Weather?"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"get_weather_k4","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"city\\": \\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"get_weather_k4","content":"18C"}],
                 "documents":[{"id":"d1","data":{"text":"Paris is in France."}}]}""");

        JsonNode messages = body.path("messages");
        assertThat(messages.get(1).path("tool_calls").get(0).path("function").path("arguments").asString())
                .isEqualTo("{\"city\": \"Paris\"}");
        assertThat(messages.get(2).path("tool_call_id").asString()).isEqualTo("get_weather_k4");
        assertThat(messages.get(2).path("content").get(0).path("document").path("data").asString()).isEqualTo("18C");
        assertThat(body.path("documents").get(0).path("id").asString()).isEqualTo("d1");
    }

    @Test
    void theCompleteAnswerFixtureReadsAsTextWithBilledUsage() {
        ChatResponse response = CohereResponseMapper.toCanonical(fixture("response.chat.json"));

        assertThat(response.id()).isEqualTo("5a50480a-cf52-46f0-af01-53d18539bd31");
        assertThat(response.choices().getFirst().message().joinedText()).isEqualTo("It's 18°C and cloudy in Paris.");
        assertThat(response.choices().getFirst().finishReason()).contains(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(new Usage(61, 11, 0, 0, 0));
    }

    @Test
    void theToolAnswerFixtureReadsAsThePlanAndTheCall() {
        ChatResponse response = CohereResponseMapper.toCanonical(fixture("response.chat.tool.json"));

        List<ContentPart> parts = response.choices().getFirst().message().content();
        assertThat(parts.getFirst()).isEqualTo(new ContentPart.Thinking(
                "I will look up the current weather in Paris.", Optional.empty(), false));
        assertThat(parts.get(1)).isEqualTo(new ContentPart.ToolCall("get_weather_k4bxr9tmz6s0", "get_weather",
                "{\"location\":\"Paris, France\"}"));
        assertThat(response.choices().getFirst().finishReason()).contains(FinishReason.TOOL_CALLS);
    }

    @Test
    void citationsAreKeptAsTheResponsesCohereExtension() {
        ObjectNode body = (ObjectNode) fixture("response.chat.json").deepCopy();
        ((ObjectNode) body.path("message")).putArray("citations").addObject().put("start", 0).put("end", 4)
                .put("text", "18°C");

        ChatResponse response = CohereResponseMapper.toCanonical(body);

        assertThat(response.extensions().get(Dialect.COHERE).orElseThrow().path("citations").get(0)
                .path("text").asString()).isEqualTo("18°C");
    }

    @Test
    void theStreamFixtureDecodesToOneTextBlockWithTheFinalUsage() {
        List<StreamEvent> events = decode(TestFixtures.bytes("/fixtures/cohere/response.chat.stream.sse"));

        assertThat(events.getFirst()).isInstanceOfSatisfying(StreamEvent.MessageStart.class,
                s -> assertThat(s.id()).isEqualTo("29f14a5a-11de-4cae-9800-25e4747408ea"));
        assertThat(events).containsSubsequence(
                new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Text()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("It's 18°C")),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text(" and cloudy in Paris.")),
                new StreamEvent.BlockStop(0, 0),
                new StreamEvent.Finish(0, FinishReason.STOP),
                new StreamEvent.UsageUpdate(new Usage(61, 11, 0, 0, 0)),
                new StreamEvent.MessageStop());
    }

    @Test
    void aStreamedToolCallBecomesAPlanBlockAndAToolBlockWithItsArgumentFragments() {
        List<StreamEvent> events = decode("""
                event: message-start
                data: {"type":"message-start","id":"m1","delta":{"message":{"role":"assistant"}}}

                event: tool-plan-delta
                data: {"type":"tool-plan-delta","delta":{"message":{"tool_plan":"I will call it."}}}

                event: tool-call-start
                data: {"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"c1","type":"function","function":{"name":"get_weather","arguments":""}}}}}

                event: tool-call-delta
                data: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"{\\"ci"}}}}}

                event: tool-call-delta
                data: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"ty\\":1}"}}}}}

                event: tool-call-end
                data: {"type":"tool-call-end","index":0}

                event: message-end
                data: {"type":"message-end","delta":{"finish_reason":"TOOL_CALL","usage":{"tokens":{"input_tokens":9,"output_tokens":4}}}}

                """.getBytes(StandardCharsets.UTF_8));

        assertThat(events).containsSubsequence(
                new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Thinking()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Thinking("I will call it.")),
                new StreamEvent.BlockStop(0, 0),
                new StreamEvent.BlockStart(0, 1, new StreamEvent.Block.ToolCall("c1", "get_weather")),
                new StreamEvent.BlockDelta(0, 1, new StreamEvent.Delta.Arguments("{\"ci")),
                new StreamEvent.BlockDelta(0, 1, new StreamEvent.Delta.Arguments("ty\":1}")),
                new StreamEvent.BlockStop(0, 1),
                new StreamEvent.Finish(0, FinishReason.TOOL_CALLS),
                new StreamEvent.UsageUpdate(new Usage(9, 4, 0, 0, 0)));
    }

    @Test
    void aTrialKeysRateLimitIsRateLimitedWithTheRetryAfter() {
        GatewayError error = CohereErrors.classify(429, "{\"message\":\"You are using a Trial key, which is limited"
                + " to 10 API calls / minute.\"}", Optional.of(Duration.ofSeconds(7)), "cohere", Redactor.of(List.of()));

        assertThat(error).isEqualTo(new GatewayError.RateLimited(
                "You are using a Trial key, which is limited to 10 API calls / minute.", Optional.of(Duration.ofSeconds(7))));
    }

    @Test
    void anInvalidTokenIsRefusedCredentialsAndAnUnknownModelMayFallBack() {
        GatewayError auth = CohereErrors.classify(401, "{\"message\":\"invalid api token\"}", Optional.empty(),
                "cohere", Redactor.of(List.of()));
        GatewayError model = CohereErrors.classify(404, "{\"message\":\"model 'x' not found\"}", Optional.empty(),
                "cohere", Redactor.of(List.of()));

        assertThat(auth).isInstanceOfSatisfying(GatewayError.BadGateway.class,
                e -> assertThat(e.credentialsRefused()).isTrue());
        assertThat(model.fallbackAllowed()).isTrue();
    }

    @Test
    void embeddingsAskForFloatsWithTheRequestsInputTypeOrSearchDocument() {
        ObjectNode plain = CohereEmbeddingAdapter.upstreamBody(new EmbeddingRequest("e", List.of("a", "b"),
                OptionalInt.empty(), Optional.empty(), Optional.empty()), "embed-v4.0");
        ObjectNode query = CohereEmbeddingAdapter.upstreamBody(new EmbeddingRequest("e", List.of("a"),
                OptionalInt.of(256), Optional.of("RETRIEVAL_QUERY"), Optional.empty()), "embed-v4.0");

        assertThat(plain).isEqualTo(Json.tryParse("{\"model\":\"embed-v4.0\",\"texts\":[\"a\",\"b\"],"
                + "\"input_type\":\"search_document\",\"embedding_types\":[\"float\"]}").orElseThrow());
        assertThat(query.path("input_type").asString()).isEqualTo("search_query");
        assertThat(query.path("output_dimension").asInt()).isEqualTo(256);
    }

    @Test
    void embeddingsAnswerReadsTheFloatVectorsAndBilledTokens() {
        var response = CohereEmbeddingAdapter.upstreamResponse(Json.tryParse("{\"embeddings\":{\"float\":"
                + "[[0.5,0.25]]},\"meta\":{\"billed_units\":{\"input_tokens\":3}}}").orElseThrow(), "embed-v4.0", 1);

        assertThat(response.vectors().getFirst()).containsExactly(0.5f, 0.25f);
        assertThat(response.inputTokens()).isEqualTo(3);
    }

    @Test
    void anEventWithoutDataIsIgnored() {
        CohereStreamDecoder decoder = new CohereStreamDecoder(Redactor.of(List.of()));

        assertThat(decoder.decode(SseEvent.of(": keep-alive\n\n"))).isEmpty();
    }
}
