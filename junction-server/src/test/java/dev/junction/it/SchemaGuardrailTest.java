package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JSON-schema checks on structured answers end to end with the OpenAI SDK: a schema of the policy or the request's
 * own ({@code response_format}, a tool's parameters), on complete and streamed answers, blocking or flagging, with the
 * stream held back when the policy asks {@code buffer: true}.
 */
class SchemaGuardrailTest {

    @RegisterExtension
    static final GatewayExtension ENV = new GatewayExtension("""
            routes:
              orders: {steps: [{provider: openai, model: gpt-4o}]}
              buffered: {steps: [{provider: openai, model: gpt-4o}]}
              own: {steps: [{provider: openai, model: gpt-4o}]}
              watched: {steps: [{provider: openai, model: gpt-4o}]}
            guardrails:
              detectors:
                order-shape:
                  json_schema:
                    type: object
                    required: [id]
                    properties: {id: {type: integer}}
                requested: {json_schema: request}
                tool-args: {json_schema: request, target: tool_arguments}
              policies:
                orders: {detectors: [order-shape], on: output, applies_to: {routes: [orders]}}
                buffered: {detectors: [order-shape], on: output, buffer: true, applies_to: {routes: [buffered]}}
                own: {detectors: [requested, tool-args], on: output, applies_to: {routes: [own]}}
                watched:
                  detectors: [order-shape]
                  on: output
                  actions: {SCHEMA_VIOLATION: flag}
                  applies_to: {routes: [watched]}
            """);

    private static ChatCompletionCreateParams ask(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("the order as JSON").build();
    }

    private static String streamed(String model, StringBuilder text) {
        try (StreamResponse<ChatCompletionChunk> stream = ENV.gateway().sdk().chat().completions()
                .createStreaming(ask(model))) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }
        return text.toString();
    }

    @Test
    void aValidAnswerPasses() {
        ENV.upstream().setDefault(Behavior.reply("{\"id\": 7}"));

        ChatCompletion answer = ENV.gateway().sdk().chat().completions().create(ask("orders"));

        assertThat(answer.choices().getFirst().message().content().orElseThrow()).isEqualTo("{\"id\": 7}");
    }

    @Test
    void anInvalidCompleteAnswerIsRefusedNamingThePolicyAndTheFailingKeywordButNoValue() {
        ENV.upstream().setDefault(Behavior.reply("{\"id\": \"secret-order-name\"}"));

        assertThatThrownBy(() -> ENV.gateway().sdk().chat().completions().create(ask("orders")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("orders").contains("SCHEMA_VIOLATION").contains("type")
                        .doesNotContain("secret-order-name"));
        assertThat(ENV.gateway().awaitLog("orders/order-shape/SCHEMA_VIOLATION:block@output")).isNotEmpty();
    }

    @Test
    void anAnswerThatIsNotJsonFails() {
        ENV.upstream().setDefault(Behavior.reply("Sure! Here is the order: id 7"));

        assertThatThrownBy(() -> ENV.gateway().sdk().chat().completions().create(ask("orders")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("not JSON"));
    }

    @Test
    void anInvalidStreamEndsWithAnErrorAfterItsTextWhenNotBuffered() {
        ENV.upstream().setDefault(Behavior.reply("{\"number\": 7}"));
        StringBuilder text = new StringBuilder();

        assertThatThrownBy(() -> streamed("orders", text)).hasMessageContaining("SCHEMA_VIOLATION");
        assertThat(text.toString()).isEqualTo("{\"number\": 7}");
    }

    @Test
    void anInvalidBufferedStreamEndsWithAnErrorAndNoneOfItsText() {
        ENV.upstream().setDefault(Behavior.reply("{\"number\": 7}"));
        StringBuilder text = new StringBuilder();

        assertThatThrownBy(() -> streamed("buffered", text)).hasMessageContaining("SCHEMA_VIOLATION");
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void aValidBufferedStreamArrivesWhole() {
        ENV.upstream().setDefault(Behavior.reply("{\"id\": 12}"));

        assertThat(streamed("buffered", new StringBuilder())).isEqualTo("{\"id\": 12}");
    }

    @Test
    void aFlaggedViolationPassesAndIsLogged() {
        ENV.upstream().setDefault(Behavior.reply("[1, 2]"));

        ChatCompletion answer = ENV.gateway().sdk().chat().completions().create(ask("watched"));

        assertThat(answer.choices().getFirst().message().content().orElseThrow()).isEqualTo("[1, 2]");
        assertThat(ENV.gateway().awaitLog("watched/order-shape/SCHEMA_VIOLATION:flag@output")).isNotEmpty();
    }

    @Test
    void theRequestsOwnResponseFormatSchemaIsChecked() {
        ENV.upstream().setDefault(Behavior.reply("{\"id\": 1}"));
        ChatCompletionCreateParams params = ask("own").toBuilder().responseFormat(ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder().name("person")
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("required", JsonValue.from(List.of("name")))
                                .build()).build()).build()).build();

        assertThatThrownBy(() -> ENV.gateway().sdk().chat().completions().create(params))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("'own'").contains("required name"));
    }

    @Test
    void aRequestWithoutASchemaOfItsOwnIsNotChecked() {
        ENV.upstream().setDefault(Behavior.reply("plain words"));

        ChatCompletion answer = ENV.gateway().sdk().chat().completions().create(ask("own"));

        assertThat(answer.choices().getFirst().message().content().orElseThrow()).isEqualTo("plain words");
    }

    @Test
    void toolCallArgumentsAreCheckedAgainstTheToolsParameters() {
        ENV.upstream().setDefault(Behavior.toolCalls(new ToolCall("call_1", "get_current_weather",
                "{\"city\": \"Paris\"}")));
        ChatCompletionCreateParams params = ask("own").toBuilder().addTool(weatherTool()).build();

        assertThatThrownBy(() -> ENV.gateway().sdk().chat().completions().create(params))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("get_current_weather").contains("required").doesNotContain("Paris"));
    }

    @Test
    void validToolCallArgumentsPassInAStream() {
        ENV.upstream().setDefault(Behavior.toolCalls(new ToolCall("call_1", "get_current_weather",
                "{\"location\": \"Paris\"}")));
        ChatCompletionCreateParams params = ask("own").toBuilder().addTool(weatherTool()).build();
        StringBuilder arguments = new StringBuilder();

        try (StreamResponse<ChatCompletionChunk> stream = ENV.gateway().sdk().chat().completions()
                .createStreaming(params)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().toolCalls().ifPresent(calls ->
                    calls.forEach(call -> call.function().flatMap(f -> f.arguments()).ifPresent(arguments::append)))));
        }

        assertThat(arguments.toString()).contains("Paris");
    }

    private static ChatCompletionFunctionTool weatherTool() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_current_weather")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("location",
                                Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("location")))
                        .build())
                .build()).build();
    }
}
