package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class NonStreamReplyTest extends MockUpstreamTestBase {

    @Test
    void defaultReplyEchoesTheLastUserMessageInChatCompletionShape() {
        HttpResponse<String> response = client.post(WireClient.chat("What is 2+2?"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = WireClient.parse(response.body());
        assertThat(body.path("id").stringValue()).startsWith("chatcmpl-");
        assertThat(body.path("object").stringValue()).isEqualTo("chat.completion");
        assertThat(body.path("created").isNumber()).isTrue();
        assertThat(body.path("model").stringValue()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("service_tier").stringValue()).isEqualTo("default");
        assertThat(body.path("system_fingerprint").isNull()).isTrue();
        assertThat(body.path("choices")).hasSize(1);
        JsonNode choice = body.path("choices").path(0);
        assertThat(choice.path("index").intValue()).isZero();
        assertThat(choice.path("finish_reason").stringValue()).isEqualTo("stop");
        assertThat(choice.path("logprobs").isNull()).isTrue();
        assertThat(choice.path("message")).isEqualTo(WireClient.parse("""
                {"role":"assistant","content":"Hello from mock upstream: What is 2+2?","refusal":null,"annotations":[]}
                """));
    }

    @Test
    void successResponseCarriesOpenAiHeaders() {
        HttpResponse<String> response = client.post(WireClient.chat("hi"));

        var headers = response.headers();
        assertThat(headers.firstValue("content-type")).hasValue("application/json");
        assertThat(headers.firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id).matches("req_\\d+"));
        assertThat(headers.firstValue("openai-processing-ms")).hasValueSatisfying(ms -> assertThat(ms).matches("\\d+"));
        assertThat(headers.firstValue("x-ratelimit-limit-requests")).hasValue("10000");
        assertThat(headers.firstValue("x-ratelimit-remaining-requests")).hasValue("9999");
        assertThat(headers.firstValue("openai-version")).hasValue("2020-10-01");
    }

    @Test
    void thinkingShowsOnlyAsReasoningTokensIncludedInCompletionTokens() {
        mock.enqueue(Behavior.reply("three little words").withThinking("four words of thought"));

        JsonNode body = WireClient.parse(client.post(WireClient.chat("0123456789abcdef")).body());

        assertThat(body.path("choices").path(0).path("message").path("content").stringValue()).isEqualTo("three little words");
        assertThat(body.path("usage").path("completion_tokens").intValue()).isEqualTo(7);
        assertThat(body.path("usage").path("total_tokens").intValue()).isEqualTo(11);
        assertThat(body.path("usage").path("completion_tokens_details").path("reasoning_tokens").intValue()).isEqualTo(4);
    }

    @Test
    void usageEstimatesPromptFromCharactersAndCompletionFromWords() {
        ObjectNode request = WireClient.chat("0123456789abcdef"); // 16 characters -> 4 prompt tokens
        mock.enqueue(Behavior.reply("three little words"));

        JsonNode usage = WireClient.parse(client.post(request).body()).path("usage");

        assertThat(usage).isEqualTo(WireClient.parse("""
                {"prompt_tokens":4,"completion_tokens":3,"total_tokens":7,
                 "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
                 "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,
                   "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}
                """));
    }

    @Test
    void fixedReplyTextSurvivesJsonEscapingExactly() {
        String text = "Quotes \" backslash \\ newline \n tab \t unicode ü 😀 </script>";
        mock.enqueue(Behavior.reply(text));

        JsonNode body = WireClient.parse(client.post(WireClient.chat("hi")).body());

        assertThat(body.path("choices").path(0).path("message").path("content").stringValue()).isEqualTo(text);
    }

    @Test
    void echoJoinsTheTextPartsOfArrayContentAndSkipsOtherParts() {
        ObjectNode request = WireClient.chat("ignored");
        ObjectNode user = request.putArray("messages").addObject().put("role", "user");
        var parts = user.putArray("content");
        parts.addObject().put("type", "text").put("text", "What is in");
        parts.addObject().put("type", "image_url").putObject("image_url").put("url", "https://example.com/cat.png");
        parts.addObject().put("type", "text").put("text", "this image?");

        JsonNode body = WireClient.parse(client.post(request).body());

        assertThat(body.path("choices").path(0).path("message").path("content").stringValue())
                .isEqualTo("Hello from mock upstream: What is in this image?");
    }

    @Test
    void requestingSeveralChoicesReturnsThatManyIndexedChoicesWithTheSameText() {
        JsonNode body = WireClient.parse(client.post(WireClient.chat("hi").put("n", 3)).body());

        assertThat(body.path("choices")).hasSize(3);
        for (int index = 0; index < 3; index++) {
            JsonNode choice = body.path("choices").path(index);
            assertThat(choice.path("index").intValue()).isEqualTo(index);
            assertThat(choice.path("message").path("content").stringValue()).isEqualTo("Hello from mock upstream: hi");
        }
    }

    @Test
    void toolCallsReplyHasTheRecordedFixtureMessage() {
        mock.enqueue(Behavior.toolCalls());
        JsonNode fixture = WireClient.JSON.readTree(WireClient.fixture("response.tools.json"));

        JsonNode body = WireClient.parse(client.post(WireClient.chat("Weather in Paris and Tokyo?")).body());

        JsonNode choice = body.path("choices").path(0);
        assertThat(choice.path("message")).isEqualTo(fixture.path("choices").path(0).path("message"));
        assertThat(choice.path("finish_reason").stringValue()).isEqualTo("tool_calls");
    }
}
