package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The official OpenAI Java SDK's Responses client: if it parses the mock, the mock speaks the Responses API. */
@Timeout(20)
class ResponsesSdkTest extends MockUpstreamTestBase {

    private static OpenAIClient openai;

    @BeforeAll
    static void createClient() {
        openai = OpenAIOkHttpClient.builder().baseUrl(mock.baseUrl()).apiKey("k").maxRetries(0).build();
    }

    @AfterAll
    static void closeClient() {
        openai.close();
    }

    private static ResponseCreateParams params(String input) {
        return ResponseCreateParams.builder().model("gpt-4.1").input(input).build();
    }

    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        for (ResponseOutputItem item : response.output()) {
            item.message().ifPresent(m -> m.content().forEach(c -> c.outputText()
                    .ifPresent(t -> text.append(t.text()))));
        }
        return text.toString();
    }

    private static ResponseAccumulator accumulate(ResponseCreateParams params) {
        ResponseAccumulator accumulator = ResponseAccumulator.createWithSnapshots();
        try (StreamResponse<ResponseStreamEvent> stream = openai.responses().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator;
    }

    @Test
    void echoComesBackAsOneMessageWithUsage() {
        Response response = openai.responses().create(params("What is 2+2?"));

        assertThat(response.id()).startsWith("resp_");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(text(response)).isEqualTo("Hello from mock upstream: What is 2+2?");
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(3); // 12 characters / 4
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(7); // one per word
        assertThat(mock.lastRequest().orElseThrow().path()).isEqualTo("/v1/responses");
    }

    @Test
    void aStreamedReplyAccumulatesToTheWholeTextAndTheTerminalResponse() {
        mock.enqueue(Behavior.reply("Hello! How can I assist you today?"));

        ResponseAccumulator accumulator = accumulate(params("Hi"));

        assertThat(text(accumulator.response())).isEqualTo("Hello! How can I assist you today?");
        assertThat(text(accumulator.reconstructedResponse())).isEqualTo("Hello! How can I assist you today?");
        assertThat(accumulator.response().usage().orElseThrow().totalTokens()).isEqualTo(1 + 7);
    }

    @Test
    void toolCallsAreFunctionCallItemsNamedByTheirCallIds() {
        mock.enqueue(Behavior.toolCalls().times(2));

        Response whole = openai.responses().create(params("Weather in Paris and Tokyo?"));
        Response streamed = accumulate(params("Weather in Paris and Tokyo?")).reconstructedResponse();

        for (Response response : List.of(whole, streamed)) {
            List<ResponseFunctionToolCall> calls = response.output().stream()
                    .flatMap(item -> item.functionCall().stream()).toList();
            assertThat(calls).extracting(ResponseFunctionToolCall::callId).containsExactly(
                    "call_8fxy20OEu9ulvvaa5b5CzVA4", "call_Xc4Aiih37EUJvqjoZlu4Vdoi");
            assertThat(calls).extracting(ResponseFunctionToolCall::arguments).containsExactly(
                    "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}",
                    "{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}");
        }
    }

    @Test
    void thoughtsAreAReasoningItemWhoseEncryptedContentTheMockAcceptsBack() {
        mock.enqueue(Behavior.reply("Yes.").withThinking("Consider 4k+3."));
        ResponseCreateParams first = ResponseCreateParams.builder().model("o3").input("Infinitely many?")
                .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT).store(false).build();

        Response answer = openai.responses().create(first);
        ResponseReasoningItem reasoning = answer.output().getFirst().reasoning().orElseThrow();
        List<ResponseInputItem> next = new ArrayList<>();
        next.add(ResponseInputItem.ofEasyInputMessage(com.openai.models.responses.EasyInputMessage.builder()
                .role(com.openai.models.responses.EasyInputMessage.Role.USER).content("Infinitely many?").build()));
        next.add(ResponseInputItem.ofReasoning(reasoning));
        Response second = openai.responses().create(ResponseCreateParams.builder().model("o3")
                .inputOfResponse(next).build());

        assertThat(reasoning.summary()).singleElement()
                .satisfies(s -> assertThat(s.text()).isEqualTo("Consider 4k+3."));
        assertThat(reasoning.encryptedContent()).hasValueSatisfying(e -> assertThat(e).startsWith("gAAAAA"));
        assertThat(answer.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isEqualTo(2);
        assertThat(second.status()).contains(ResponseStatus.COMPLETED);
    }

    @Test
    void reasoningTheMockDidNotIssueIsRejectedLikeOpenAiDoes() {
        ResponseReasoningItem forged = ResponseReasoningItem.builder().id("rs_forged").summary(List.of())
                .encryptedContent("gAAAAAforged").build();

        assertThatThrownBy(() -> openai.responses().create(ResponseCreateParams.builder().model("o3")
                .inputOfResponse(List.of(ResponseInputItem.ofReasoning(forged))).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getMessage()).contains("could not be verified"));
        assertThat(mock.requestCount()).isEqualTo(1);
    }

    @Test
    void aRateLimitIsTheSdksRateLimitException() {
        mock.enqueue(Behavior.status(429));

        assertThatThrownBy(() -> openai.responses().create(params("Hi"))).isInstanceOf(RateLimitException.class);
    }
}
