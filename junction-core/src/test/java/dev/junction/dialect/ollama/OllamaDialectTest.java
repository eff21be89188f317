package dev.junction.dialect.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.ContentPart;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.testing.TestFixtures;
import dev.junction.upstream.NdjsonParser;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Ollama mappers and decoder against the captured fixtures ({@code fixtures/ollama/}). */
class OllamaDialectTest {

    private static JsonNode fixture(String name) {
        return Json.tryParse(TestFixtures.bytes("/fixtures/ollama/" + name)).orElseThrow();
    }

    private static ObjectNode fromOpenAi(String json, Set<String> dropped) {
        return OllamaRequestMapper.fromCanonical(OpenAiRequestMapper.toCanonical(Json.parseObject(
                json.getBytes(StandardCharsets.UTF_8))), "llama3.2", dropped);
    }

    private static List<StreamEvent> decode(OllamaStreamDecoder decoder, Buffer lines) {
        List<StreamEvent> events = new ArrayList<>();
        NdjsonParser parser = new NdjsonParser(e -> events.addAll(decoder.decode(e)));
        parser.feed(lines);
        parser.end();
        return events;
    }

    @Test
    void anOpenAiRequestBecomesTheFixturesBodyWithSamplingUnderOptions() {
        ObjectNode body = fromOpenAi("""
                {"model":"local","messages":[{"role":"system","content":"You are a helpful assistant."},
                  {"role":"user","content":"Why is the sky blue?"}],"temperature":0.2,"max_tokens":128}""",
                new LinkedHashSet<>());

        assertThat(TestFixtures.normalized(body)).isEqualTo(TestFixtures.normalized(fixture("request.chat.json")));
    }

    @Test
    void toolCallArgumentsGoOutAsObjectsAndToolResultsNameTheirTool() {
        ObjectNode body = fromOpenAi("""
                {"model":"local","messages":[{"role":"user","content":"Weather?"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"18C"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}""",
                new LinkedHashSet<>());

        JsonNode messages = body.path("messages");
        assertThat(messages.get(1).path("tool_calls").get(0).path("function").path("arguments"))
                .isEqualTo(Json.tryParse("{\"city\":\"Paris\"}").orElseThrow());
        assertThat(messages.get(2).path("role").asString()).isEqualTo("tool");
        assertThat(messages.get(2).path("tool_name").asString()).isEqualTo("get_weather");
        assertThat(messages.get(2).path("content").asString()).isEqualTo("18C");
        assertThat(body.path("tools").get(0).path("function").path("name").asString()).isEqualTo("get_weather");
    }

    @Test
    void ollamaOnlySettingsTravelAsExtensionFieldsOfTheClientsRequest() {
        ObjectNode body = fromOpenAi("""
                {"model":"local","messages":[{"role":"user","content":"hi"}],"top_p":0.9,"seed":42,"stop":["END"],
                 "keep_alive":"10m","options":{"num_ctx":8192},"response_format":{"type":"json_object"}}""",
                new LinkedHashSet<>());

        assertThat(body.path("keep_alive").asString()).isEqualTo("10m");
        assertThat(body.path("format").asString()).isEqualTo("json");
        assertThat(TestFixtures.normalized(body.path("options"))).isEqualTo(TestFixtures.normalized(Json.tryParse(
                "{\"top_p\":0.9,\"seed\":42,\"stop\":[\"END\"],\"num_ctx\":8192}").orElseThrow()));
    }

    @Test
    void aJsonSchemaFormatIsSentAsTheSchemaAndImagesAsBase64() {
        ObjectNode body = fromOpenAi("""
                {"model":"local","messages":[{"role":"user","content":[{"type":"text","text":"What is it?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}}""",
                new LinkedHashSet<>());

        assertThat(body.path("format")).isEqualTo(Json.tryParse("{\"type\":\"object\"}").orElseThrow());
        assertThat(body.path("messages").get(0).path("images").get(0).asString()).isEqualTo("iVBORw0KGgo=");
        assertThat(body.path("messages").get(0).path("content").asString()).isEqualTo("What is it?");
    }

    @Test
    void toolCallArgumentsThatAreNotAnObjectAreTheClientsError() {
        assertThatThrownBy(() -> fromOpenAi("""
                {"model":"local","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function",
                  "function":{"name":"f","arguments":"[1,2]"}}]},{"role":"user","content":"go"}]}""",
                new LinkedHashSet<>()))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error()).isInstanceOf(GatewayError.InvalidRequest.class));
    }

    @Test
    void theCompleteAnswerFixtureReadsAsTextWithUsage() {
        ChatResponse response = OllamaResponseMapper.toCanonical(fixture("response.chat.json"));

        assertThat(response.choices().getFirst().message().joinedText()).startsWith("Sunlight is scattered");
        assertThat(response.choices().getFirst().finishReason()).contains(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(new Usage(26, 22, 0, 0, 0));
        assertThat(response.model()).isEqualTo("llama3.2");
    }

    @Test
    void theToolAnswerFixtureReadsAsAToolCallWithItsArgumentsAsCompactJson() {
        ChatResponse response = OllamaResponseMapper.toCanonical(fixture("response.chat.tool.json"));

        List<ContentPart.ToolCall> calls = response.choices().getFirst().message().toolCalls();
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().name()).isEqualTo("get_weather");
        assertThat(calls.getFirst().arguments()).isEqualTo("{\"location\":\"Paris, France\"}");
        assertThat(calls.getFirst().id()).isNotBlank();
        assertThat(response.choices().getFirst().finishReason()).contains(FinishReason.TOOL_CALLS);
    }

    @Test
    void theStreamFixtureDecodesToOneTextBlockAndTheFinalUsage() {
        OllamaStreamDecoder decoder = new OllamaStreamDecoder(Redactor.of(List.of()));
        List<StreamEvent> events = decode(decoder,
                Buffer.buffer(TestFixtures.bytes("/fixtures/ollama/response.chat.stream.ndjson")));

        assertThat(decoder.done()).isTrue();
        assertThat(events.getFirst()).isInstanceOf(StreamEvent.MessageStart.class);
        assertThat(events.stream().filter(StreamEvent.BlockStart.class::isInstance)).hasSize(1);
        StringBuilder text = new StringBuilder();
        events.stream().filter(StreamEvent.BlockDelta.class::isInstance).map(e -> ((StreamEvent.BlockDelta) e).delta())
                .forEach(d -> text.append(((StreamEvent.Delta.Text) d).text()));
        assertThat(text).hasToString("Sunlight is scattered by air molecules.");
        assertThat(events).contains(new StreamEvent.Finish(0, FinishReason.STOP),
                new StreamEvent.UsageUpdate(new Usage(26, 9, 0, 0, 0)));
        assertThat(events.getLast()).isInstanceOf(StreamEvent.MessageStop.class);
    }

    @Test
    void anErrorLineMidStreamEndsTheStreamWithAnError() {
        OllamaStreamDecoder decoder = new OllamaStreamDecoder(Redactor.of(List.of()));
        List<StreamEvent> events = decode(decoder, Buffer.buffer("""
                {"model":"llama3.2","message":{"role":"assistant","content":"Hi"},"done":false}
                {"error":"an error was encountered while running the model"}
                """));

        assertThat(events.getLast()).isInstanceOf(StreamEvent.StreamError.class);
        assertThat(decoder.done()).isFalse();
    }

    @Test
    void thinkingLinesBecomeAThinkingBlockBeforeTheText() {
        OllamaStreamDecoder decoder = new OllamaStreamDecoder(Redactor.of(List.of()));
        List<StreamEvent> events = decode(decoder, Buffer.buffer("""
                {"model":"qwen3","message":{"role":"assistant","content":"","thinking":"Hmm"},"done":false}
                {"model":"qwen3","message":{"role":"assistant","content":"Yes"},"done":false}
                {"model":"qwen3","message":{"role":"assistant","content":""},"done":true,"done_reason":"length","eval_count":3}
                """));

        assertThat(events).containsSubsequence(
                new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Thinking()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Thinking("Hmm")),
                new StreamEvent.BlockStop(0, 0),
                new StreamEvent.BlockStart(0, 1, new StreamEvent.Block.Text()),
                new StreamEvent.BlockStop(0, 1),
                new StreamEvent.Finish(0, FinishReason.LENGTH));
    }

    @Test
    void aModelThatIsNotPulledIsANotFoundThatLetsTheRouteFallBack() {
        String body = new String(TestFixtures.bytes("/fixtures/ollama/error.404.model-not-found.json"),
                StandardCharsets.UTF_8);

        GatewayError error = OllamaErrors.classify(404, body, Optional.empty(), "ollama", Redactor.of(List.of()));

        assertThat(error).isInstanceOfSatisfying(GatewayError.UpstreamRejected.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.message()).contains("llama9").contains("not found");
        });
        assertThat(error.fallbackAllowed()).isTrue();
    }

    @Test
    void embeddingsAnswerReadsOneVectorPerInput() {
        var response = OllamaEmbeddingAdapter.upstreamResponse(Json.tryParse(
                "{\"model\":\"all-minilm\",\"embeddings\":[[0.1,0.2],[0.3,0.4]],\"prompt_eval_count\":5}")
                .orElseThrow(), "all-minilm", 2);

        assertThat(response.vectors()).hasSize(2);
        assertThat(response.vectors().get(1)).containsExactly(0.3f, 0.4f);
        assertThat(response.inputTokens()).isEqualTo(5);
    }
}
