package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import dev.junction.it.DialectMatrix.Upstream;
import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official OpenAI Java SDK's Responses client against Chat Completions, Responses, Anthropic and Gemini upstreams
 * through the gateway: plain and streamed text, a function tool's round trip (stateless, and continued by
 * {@code previous_response_id}), structured output, reasoning carried between turns, and errors.
 */
class ResponsesClientMatrixTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix();

    private static OpenAIClient client() {
        return ENV.gateway().sdk();
    }

    private static ResponseCreateParams.Builder ask(Upstream upstream, String input) {
        return ResponseCreateParams.builder().model(upstream.model).input(input);
    }

    static FunctionTool weatherTool() {
        return FunctionTool.builder().name("get_weather").description("The current weather in a city").strict(false)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build();
    }

    static String text(Response response) {
        StringBuilder text = new StringBuilder();
        for (ResponseOutputItem item : response.output()) {
            item.message().ifPresent(m -> m.content().forEach(c -> c.outputText()
                    .ifPresent(t -> text.append(t.text()))));
        }
        return text.toString();
    }

    private static Response stream(ResponseCreateParams params) {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> events = client().responses().createStreaming(params)) {
            events.stream().forEach(accumulator::accumulate);
        }
        return accumulator.response();
    }

    private static ResponseFunctionToolCall onlyCall(Response response) {
        List<ResponseFunctionToolCall> calls = response.output().stream()
                .flatMap(item -> item.functionCall().stream()).toList();
        assertThat(calls).hasSize(1);
        return calls.getFirst();
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void plainTextReachesEveryUpstream(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("Bonjour from the upstream"));

        Response response = client().responses().create(ask(upstream, "Say bonjour").build());

        assertThat(response.id()).startsWith("resp_");
        assertThat(text(response)).contains("Bonjour from the upstream");
        assertThat(response.usage().orElseThrow().outputTokens()).isPositive();
        assertThat(ENV.last().body()).contains("Say bonjour");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamedTextAccumulatesWithUsage(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("one two three four five"));

        Response response = stream(ask(upstream, "count").build());

        assertThat(text(response)).contains("one two three four five");
        assertThat(response.usage().orElseThrow().outputTokens()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void aStatelessToolConversationTakesTwoTurns(Upstream upstream) {
        ENV.upstream().enqueue(Behavior.toolCalls(DialectMatrix.WEATHER_CALL));
        ENV.upstream().enqueue(Behavior.reply("It is 18 degrees in Paris."));

        Response call = stream(ask(upstream, "Weather in Paris?").addTool(weatherTool()).store(false).build());
        ResponseFunctionToolCall fc = onlyCall(call);
        assertThat(fc.name()).isEqualTo("get_weather");
        assertThat(Json.tryParse(fc.arguments()).orElseThrow())
                .isEqualTo(Json.tryParse("{\"city\":\"Paris\"}").orElseThrow());

        List<ResponseInputItem> history = new ArrayList<>();
        history.add(ResponseInputItem.ofEasyInputMessage(com.openai.models.responses.EasyInputMessage.builder()
                .role(com.openai.models.responses.EasyInputMessage.Role.USER).content("Weather in Paris?").build()));
        history.add(ResponseInputItem.ofFunctionCall(fc));
        history.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(fc.callId()).output("18 degrees, sunny").build()));
        Response answer = stream(ResponseCreateParams.builder().model(upstream.model).inputOfResponse(history)
                .addTool(weatherTool()).store(false).build());

        assertThat(text(answer)).contains("It is 18 degrees in Paris.");
        String[] result = upstream.toolResult(ENV.last().json());
        assertThat(result[0]).isEqualTo("get_weather");
        assertThat(result[1]).contains("18 degrees, sunny");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void aToolConversationContinuesByPreviousResponseId(Upstream upstream) {
        ENV.upstream().enqueue(Behavior.toolCalls(DialectMatrix.WEATHER_CALL));
        ENV.upstream().enqueue(Behavior.reply("It is 18 degrees in Paris."));

        Response call = client().responses().create(ask(upstream, "Weather in Paris?").addTool(weatherTool()).build());
        ResponseFunctionToolCall fc = onlyCall(call);
        Response answer = client().responses().create(ResponseCreateParams.builder().model(upstream.model)
                .previousResponseId(call.id()).addTool(weatherTool())
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput
                        .builder().callId(fc.callId()).output("18 degrees, sunny").build()))).build());

        assertThat(text(answer)).contains("It is 18 degrees in Paris.");
        assertThat(answer.previousResponseId()).contains(call.id());
        String[] result = upstream.toolResult(ENV.last().json());
        assertThat(result[0]).isEqualTo("get_weather");
        assertThat(result[1]).contains("18 degrees, sunny");
        assertThat(ENV.last().body()).contains("Weather in Paris?").doesNotContain("previous_response_id");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void reasoningSurvivesTheSecondTurnOfAStatelessClient(Upstream upstream) {
        ENV.upstream().enqueue(Behavior.toolCalls(DialectMatrix.WEATHER_CALL).withThinking("The user wants weather."));
        ENV.upstream().enqueue(Behavior.reply("Sunny."));
        ResponseCreateParams first = ask(upstream, "Weather in Paris?").addTool(weatherTool()).store(false)
                .reasoning(Reasoning.builder().effort(ReasoningEffort.MEDIUM).build())
                .addInclude(com.openai.models.responses.ResponseIncludable.REASONING_ENCRYPTED_CONTENT).build();

        Response call = client().responses().create(first);
        List<ResponseInputItem> history = new ArrayList<>();
        history.add(ResponseInputItem.ofEasyInputMessage(com.openai.models.responses.EasyInputMessage.builder()
                .role(com.openai.models.responses.EasyInputMessage.Role.USER).content("Weather in Paris?").build()));
        for (ResponseOutputItem item : call.output()) {
            item.reasoning().ifPresent(r -> history.add(ResponseInputItem.ofReasoning(r)));
            item.functionCall().ifPresent(f -> history.add(ResponseInputItem.ofFunctionCall(f)));
        }
        history.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(onlyCall(call).callId()).output("sunny").build()));

        // The mock rejects a second turn whose signatures it did not issue, as the real APIs do.
        Response answer = client().responses().create(ResponseCreateParams.builder().model(upstream.model)
                .inputOfResponse(history).addTool(weatherTool()).store(false)
                .reasoning(Reasoning.builder().effort(ReasoningEffort.MEDIUM).build()).build());

        assertThat(text(answer)).contains("Sunny.");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void structuredOutputAsksEveryUpstreamForTheSchema(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("{\"city\":\"Paris\"}"));
        var schema = ResponseFormatTextJsonSchemaConfig.builder().name("place").strict(true)
                .schema(ResponseFormatTextJsonSchemaConfig.Schema.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .build()).build();

        Response response = client().responses().create(ask(upstream, "Where?")
                .text(ResponseTextConfig.builder().format(schema).build()).build());

        assertThat(Json.tryParse(text(response)).orElseThrow().path("city").asString()).isEqualTo("Paris");
        assertThat(ENV.last().body()).contains("additionalProperties");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void aStoredResponseIsRetrievedListedAndDeleted(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("Kept for later."));

        Response created = client().responses().create(ask(upstream, "Remember this").build());
        Response fetched = client().responses().retrieve(created.id());
        var items = client().responses().inputItems().list(created.id());
        client().responses().delete(created.id());

        assertThat(fetched.id()).isEqualTo(created.id());
        assertThat(text(fetched)).isEqualTo(text(created));
        assertThat(items.data()).singleElement().satisfies(item -> assertThat(item.responseInputMessageItem()
                .orElseThrow().content().getFirst().inputText().orElseThrow().text()).isEqualTo("Remember this"));
        assertThatThrownBy(() -> client().responses().retrieve(created.id())).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void aResponseTheClientDidNotStoreCannotBeContinued(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("Forgotten."));

        Response created = client().responses().create(ask(upstream, "Forget this").store(false).build());

        assertThatThrownBy(() -> client().responses().create(ask(upstream, "and then?")
                .previousResponseId(created.id()).build())).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void unavailableUpstreamRaisesAServerError(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.status(503));

        assertThatThrownBy(() -> client().responses().create(ask(upstream, "hi").build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void rateLimitedUpstreamRaisesTheSdksRateLimitError(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.status(429).withHeader("retry-after", "7"));

        assertThatThrownBy(() -> client().responses().create(ask(upstream, "hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class,
                        e -> assertThat(e.headers().values("retry-after")).containsExactly("7"));
    }
}
