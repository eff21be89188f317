package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Guardrails on every operation, with the official OpenAI SDK: the Responses API (its input items and its answer),
 * embeddings' inputs, tool results in a chat's history, and tool-call arguments as they stream.
 */
class GuardedOperationsTest {

    private static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String EMAIL = "jane.doe@example.com";

    @RegisterExtension
    static final GatewayExtension ENV = new GatewayExtension("""
            routes:
              blocked: {steps: [{provider: openai, model: gpt-4o}]}
              masked: {steps: [{provider: openai, model: gpt-4o}]}
              embed-blocked: {steps: [{provider: openai, model: text-embedding-3-small}]}
              embed-masked: {steps: [{provider: openai, model: text-embedding-3-small}]}
            guardrails:
              policies:
                no-secrets: {detectors: [secrets], on: both, applies_to: {routes: [blocked, embed-blocked]}}
                mask-pii:
                  detectors: [pii]
                  on: both
                  actions: {pii: redact}
                  applies_to: {routes: [masked, embed-masked]}
            """);

    @Test
    void aResponsesRequestWithASecretIsRefusedAndNeverReachesTheUpstream() {
        assertThatThrownBy(() -> ENV.gateway().sdk().responses().create(ResponseCreateParams.builder()
                .model("blocked").input("deploy with " + AWS_KEY).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("no-secrets").contains("AWS_ACCESS_KEY").doesNotContain(AWS_KEY));
        assertThat(ENV.upstream().requests()).isEmpty();
    }

    @Test
    void aResponsesRequestsInstructionsAreGuardedToo() {
        assertThatThrownBy(() -> ENV.gateway().sdk().responses().create(ResponseCreateParams.builder()
                .model("blocked").instructions("Use the key " + AWS_KEY).input("hello").build()))
                .isInstanceOf(BadRequestException.class);
        assertThat(ENV.upstream().requests()).isEmpty();
    }

    @Test
    void aResponsesRequestReachesTheUpstreamMasked() {
        ENV.gateway().sdk().responses().create(ResponseCreateParams.builder().model("masked")
                .input("Write to " + EMAIL + " please").build());

        JsonNode messages = ENV.upstream().lastRequest().orElseThrow().json().get("messages");
        assertThat(messages.get(messages.size() - 1).toString()).contains("[EMAIL_1]").doesNotContain(EMAIL);
    }

    @Test
    void aResponsesAnswerIsMasked() {
        ENV.upstream().setDefault(Behavior.reply("Reach me at " + EMAIL));

        Response answer = ENV.gateway().sdk().responses().create(ResponseCreateParams.builder().model("masked")
                .input("how do I reach you?").build());

        String text = answer.output().getFirst().asMessage().content().getFirst().asOutputText().text();
        assertThat(text).isEqualTo("Reach me at [EMAIL_1]");
    }

    @Test
    void anEmbeddingInputWithASecretIsRefused() {
        assertThatThrownBy(() -> ENV.gateway().sdk().embeddings().create(EmbeddingCreateParams.builder()
                .model("embed-blocked").inputOfArrayOfStrings(List.of("fine", "key " + AWS_KEY)).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("no-secrets").doesNotContain(AWS_KEY));
        assertThat(ENV.upstream().requests()).isEmpty();
    }

    @Test
    void embeddingInputsReachTheUpstreamMasked() {
        ENV.gateway().sdk().embeddings().create(EmbeddingCreateParams.builder().model("embed-masked")
                .input("contact " + EMAIL).build());

        assertThat(ENV.upstream().lastRequest().orElseThrow().json().get("input").toString())
                .contains("contact [EMAIL_1]").doesNotContain(EMAIL);
    }

    @Test
    void aToolResultInTheHistoryIsGuarded() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("blocked")
                .addUserMessage("read the config")
                .addMessage(ChatCompletionAssistantMessageParam.builder().toolCalls(List.of(
                        ChatCompletionMessageToolCall.ofFunction(ChatCompletionMessageFunctionToolCall.builder()
                                .id("call_1").function(ChatCompletionMessageFunctionToolCall.Function.builder()
                                        .name("read_file").arguments("{\"path\": \"config\"}").build())
                                .build()))).build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_1")
                        .content("aws_access_key_id = " + AWS_KEY).build())
                .build();

        assertThatThrownBy(() -> ENV.gateway().sdk().chat().completions().create(params))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("AWS_ACCESS_KEY").doesNotContain(AWS_KEY));
        assertThat(ENV.upstream().requests()).isEmpty();
    }

    @Test
    void aStreamedToolCallsArgumentsAreMasked() {
        ENV.upstream().setDefault(Behavior.toolCalls(new ToolCall("call_1", "send_mail",
                "{\"to\": \"" + EMAIL + "\", \"body\": \"hi\"}")));
        StringBuilder arguments = new StringBuilder();

        try (StreamResponse<ChatCompletionChunk> stream = ENV.gateway().sdk().chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("masked").addUserMessage("mail her").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().toolCalls().ifPresent(calls ->
                    calls.forEach(call -> call.function().flatMap(f -> f.arguments()).ifPresent(arguments::append)))));
        }

        assertThat(arguments.toString()).isEqualTo("{\"to\": \"[EMAIL_1]\", \"body\": \"hi\"}");
    }

    @Test
    void aStreamedToolCallWithASecretInItsArgumentsEndsTheStream() {
        ENV.upstream().setDefault(Behavior.toolCalls(new ToolCall("call_1", "deploy",
                "{\"key\": \"" + AWS_KEY + "\"}")));
        StringBuilder arguments = new StringBuilder();

        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = ENV.gateway().sdk().chat().completions()
                    .createStreaming(ChatCompletionCreateParams.builder().model("blocked").addUserMessage("go")
                            .build())) {
                stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().toolCalls().ifPresent(
                        calls -> calls.forEach(call -> call.function().flatMap(f -> f.arguments())
                                .ifPresent(arguments::append)))));
            }
        }).hasMessageContaining("no-secrets");
        assertThat(arguments.toString()).doesNotContain(AWS_KEY);
    }
}
