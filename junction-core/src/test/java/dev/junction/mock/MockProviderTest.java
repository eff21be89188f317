package dev.junction.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.StreamEvent;
import dev.junction.provider.ParamRules;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class MockProviderTest {

    private static Vertx vertx;
    private static MockProvider mock;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        mock = new MockProvider(vertx);
    }

    @AfterAll
    static void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static ObjectNode fixture(String name) {
        try (InputStream in = MockProviderTest.class.getResourceAsStream("/fixtures/openai-chat/" + name)) {
            return Json.parseObject(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode chat(String text) {
        ObjectNode body = Json.object().put("model", "mock/echo");
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return body;
    }

    private static Future<UpstreamReply> send(String model, ObjectNode body) {
        ClientRequest request = new ClientRequest(Dialect.OPENAI_CHAT, body, OpenAiRequestMapper.toCanonical(body));
        return mock.send(new UpstreamCall(request, MockProvider.config(), model, ParamRules.NONE, "req-1",
                new Cancellation()));
    }

    private static ChatResponse complete(String model, ObjectNode body) {
        Future<UpstreamReply> reply = send(model, body);
        assertThat(reply.succeeded()).as("the mock answered").isTrue();
        assertThat(reply.result()).isInstanceOf(UpstreamReply.Synthesized.class);
        return ((UpstreamReply.Synthesized) reply.result()).response();
    }

    @Test
    void echoAnswersWithTheLastUserMessage() {
        ChatResponse response = complete("echo", chat("Hello, mock!"));

        assertThat(response.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.message().content()).containsExactly(new ContentPart.Text("Hello, mock!"));
            assertThat(choice.finishReason()).hasValue(FinishReason.STOP);
        });
        assertThat(response.model()).isEqualTo("echo");
        assertThat(response.usage().inputTokens()).isPositive();
        assertThat(response.usage().outputTokens()).isEqualTo(2);
    }

    @Test
    void everyResponseGetsItsOwnId() {
        assertThat(complete("echo", chat("a")).id()).isNotEqualTo(complete("echo", chat("a")).id());
    }

    @Test
    void nAsksForThatManyChoices() {
        ObjectNode body = chat("Hi");
        body.put("n", 2);

        ChatResponse response = complete("echo", body);

        assertThat(response.choices()).extracting(c -> c.index()).containsExactly(0, 1);
        assertThat(response.usage().outputTokens()).isEqualTo(2);
    }

    @Test
    void toolsModelCallsTheFirstToolWithArgumentsBuiltFromItsSchema() {
        ChatResponse response = complete("tools", fixture("request.tools.json"));

        var choice = response.choices().getFirst();
        assertThat(choice.finishReason()).hasValue(FinishReason.TOOL_CALLS);
        assertThat(choice.message().toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("get_current_weather");
            assertThat(call.id()).startsWith("call_");
            JsonNode args = Json.tryParse(call.arguments()).orElseThrow();
            assertThat(args.get("location").stringValue())
                    .isEqualTo("What's the weather like in Paris and in Tokyo right now?");
            assertThat(args.get("unit").stringValue()).isEqualTo("celsius");
        });
    }

    @Test
    void echoCallsAToolOnlyWhenTheRequestForcesOne() {
        ObjectNode auto = fixture("request.tools.json");
        ObjectNode required = fixture("request.tools.json").put("tool_choice", "required");

        assertThat(complete("echo", auto).choices().getFirst().message().toolCalls()).isEmpty();
        assertThat(complete("echo", required).choices().getFirst().message().toolCalls()).hasSize(1);
    }

    @Test
    void toolChoiceNoneMeansNoToolCall() {
        ObjectNode body = fixture("request.tools.json").put("tool_choice", "none");

        assertThat(complete("tools", body).choices().getFirst().finishReason()).hasValue(FinishReason.STOP);
    }

    @Test
    void toolResultsAreSummarisedInConversationOrder() {
        ChatResponse response = complete("echo", fixture("request.tool-result.json"));

        assertThat(response.choices().getFirst().message().joinedText()).isEqualTo("Tool results: "
                + "{\"temperature\":18,\"unit\":\"celsius\",\"conditions\":\"cloudy\"} "
                + "{\"temperature\":24,\"unit\":\"celsius\",\"conditions\":\"sunny\"}");
    }

    @Test
    void toolsModelAnswersInsteadOfCallingAgainOnceResultsAreBack() {
        ChatResponse response = complete("tools", fixture("request.tool-result.json"));

        assertThat(response.choices().getFirst().message().toolCalls()).isEmpty();
        assertThat(response.choices().getFirst().message().joinedText()).startsWith("Tool results:");
    }

    @Test
    void failModelIsUnavailable() {
        Future<UpstreamReply> reply = send("fail", chat("Hi"));

        assertThat(reply.failed()).isTrue();
        assertThat(UpstreamFailure.errorOf(reply.cause())).isInstanceOfSatisfying(GatewayError.Unavailable.class,
                e -> assertThat(e.fallbackAllowed()).isTrue());
    }

    @Test
    void unknownModelIsRejectedWithA404() {
        Future<UpstreamReply> reply = send("gpt-9", chat("Hi"));

        assertThat(UpstreamFailure.errorOf(reply.cause())).isInstanceOfSatisfying(
                GatewayError.UpstreamRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).hasValue("model_not_found");
                    assertThat(e.fallbackAllowed()).as("a step naming a model its provider lacks may fall back").isTrue();
                });
    }

    @Test
    void streamWithoutDelayPlaysTheAnswerWordByWord() {
        ObjectNode body = chat("one two three").put("stream", true);
        UpstreamReply reply = send("echo", body).result();
        List<StreamEvent> events = new ArrayList<>();
        boolean[] ended = {false};

        ((UpstreamReply.CanonicalStream) reply).events().start(events::add, e -> { }, () -> ended[0] = true);

        assertThat(ended[0]).isTrue();
        assertThat(events).filteredOn(StreamEvent.BlockDelta.class::isInstance).hasSize(3);
        assertThat(events).last().isEqualTo(new StreamEvent.MessageStop());
    }

    @Test
    void streamWithADelayDeliversEveryEventInOrderOnTheEventLoop() throws Exception {
        ObjectNode body = chat("one two three").put("stream", true);
        body.putObject("metadata").put("mock_delay_ms", "1");
        CompletableFuture<List<StreamEvent>> done = new CompletableFuture<>();

        vertx.runOnContext(v -> {
            UpstreamReply reply = send("echo", body).result();
            List<StreamEvent> events = new ArrayList<>();
            ((UpstreamReply.CanonicalStream) reply).events().start(events::add,
                    e -> done.completeExceptionally(new GatewayException(e)), () -> done.complete(events));
        });

        List<StreamEvent> events = done.get(5, TimeUnit.SECONDS);
        StringBuilder text = new StringBuilder();
        events.forEach(e -> {
            if (e instanceof StreamEvent.BlockDelta(_, _, StreamEvent.Delta.Text t)) {
                text.append(t.text());
            }
        });
        assertThat(text.toString()).isEqualTo("one two three");
        assertThat(events).last().isEqualTo(new StreamEvent.MessageStop());
    }

    @Test
    void configRegistersTheMockWithItsModels() {
        assertThat(MockProvider.config().name()).isEqualTo("mock");
        assertThat(MockProvider.config().models()).containsExactly("echo", "tools", "slow", "fail", "embed");
    }
}
