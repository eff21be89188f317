package dev.junction.dialect.responses;

import static dev.junction.dialect.responses.ResponsesFixtures.comparable;
import static dev.junction.dialect.responses.ResponsesFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.model.ChatResponse;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.Usage;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class ResponsesResponseMapperTest {

    static Stream<String> responseFixtures() {
        return Stream.of("response.basic.json", "response.incomplete.json", "response.reasoning.json",
                "response.tools.json");
    }

    /** Everything comes back but the item ids of messages and calls, which the canonical model does not keep. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("responseFixtures")
    void everyResponseFixtureSurvivesARoundTrip(String fixture) {
        ObjectNode original = json(fixture);

        ObjectNode written = ResponsesResponseMapper.fromCanonical(ResponsesResponseMapper.toCanonical(original));

        assertThat(comparable(written)).isEqualTo(comparable(original));
    }

    static Stream<String> otherProvidersAnswers() {
        return Stream.of("anthropic/response.thinking.json", "anthropic/response.tools.json",
                "gemini/response.tools.json", "gemini/response.finish-safety.json", "openai-chat/response.tools.json",
                "openai-chat/response.logprobs.json");
    }

    /** The SDK requires the echo fields and the item shapes; text, calls and usage survive the translation. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("otherProvidersAnswers")
    void anotherProvidersAnswerIsAResponseTheSdkReads(String fixture) {
        ChatResponse canonical = dev.junction.dialect.DialectCodecs.of(fixture.startsWith("anthropic")
                ? Dialect.ANTHROPIC : fixture.startsWith("gemini") ? Dialect.GEMINI : Dialect.OPENAI_CHAT)
                .responseToCanonical(dev.junction.json.Json.parseObject(dev.junction.testing.TestFixtures.bytes(
                        "/fixtures/" + fixture)));

        ObjectNode sdk = ResponsesSdk.read(ResponsesResponseMapper.fromCanonical(canonical));

        assertThat(sdk.path("id").stringValue()).startsWith("resp_");
        assertThat(sdk.path("usage").path("total_tokens").longValue()).isEqualTo(canonical.usage().totalTokens());
        long calls = canonical.choices().getFirst().message().toolCalls().size();
        assertThat(sdk.path("output").valueStream().filter(i -> i.path("type").asString("")
                .equals("function_call")).count()).isEqualTo(calls);
        StringBuilder text = new StringBuilder();
        sdk.path("output").forEach(item -> item.path("content").forEach(p -> text.append(p.path("text")
                .asString(""))));
        assertThat(text.toString()).isEqualTo(canonical.choices().getFirst().message().joinedText());
    }

    @Test
    void textUsageAndTheIdsOfTheBasicFixtureAreCanonical() {
        ChatResponse response = ResponsesResponseMapper.toCanonical(json("response.basic.json"));

        assertThat(response.id()).isEqualTo("resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654");
        assertThat(response.model()).isEqualTo("gpt-4.1-2025-04-14");
        assertThat(response.created()).isEqualTo(1741290958L);
        assertThat(response.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.message().content())
                    .containsExactly(new ContentPart.Text("Hi there! How can I assist you today?"));
            assertThat(choice.finishReason()).hasValue(FinishReason.STOP);
        });
        assertThat(response.usage()).isEqualTo(new Usage(37, 11, 0, 0, 0));
    }

    @Test
    void aFunctionCallIsAToolCallNamedByItsCallIdAndEndsTheTurnForTools() {
        ChatResponse response = ResponsesResponseMapper.toCanonical(json("response.tools.json"));

        assertThat(response.choices().getFirst().message().content()).containsExactly(new ContentPart.ToolCall(
                "call_unLAR8MvFNptuiZK6K6HCy5k", "get_current_weather",
                "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"));
        assertThat(response.choices().getFirst().finishReason()).hasValue(FinishReason.TOOL_CALLS);
    }

    @Test
    void reasoningIsThinkingSignedWithItsItemIdAndEncryptedContent() {
        ChatResponse response = ResponsesResponseMapper.toCanonical(json("response.reasoning.json"));

        ContentPart first = response.choices().getFirst().message().content().getFirst();
        assertThat(first).isEqualTo(new ContentPart.Thinking("**Interpreting a tongue twister**\n\nThe user is "
                + "quoting a playful tongue twister; a light answer with the often-cited estimate fits.",
                Optional.of(ThoughtSignature.tag(Dialect.OPENAI_RESPONSES,
                        "rs_68ca94fad70c8190a8a055eb68b0aac70ecff94d4f220ceb:gAAAAABoypT6-EXAMPLE-OPAQUE-BLOB")),
                false));
        assertThat(response.usage()).isEqualTo(new Usage(25, 412, 0, 0, 384));
    }

    @Test
    void anIncompleteResponseCutByTheTokenLimitEndsForLength() {
        ChatResponse response = ResponsesResponseMapper.toCanonical(json("response.incomplete.json"));

        assertThat(response.choices().getFirst().finishReason()).hasValue(FinishReason.LENGTH);
    }

    @Test
    void aContentFilteredAnswerIsAnIncompleteResponse() {
        ObjectNode body = json("response.incomplete.json");
        ((ObjectNode) body.get("incomplete_details")).put("reason", "content_filter");

        ChatResponse response = ResponsesResponseMapper.toCanonical(body);
        ObjectNode written = ResponsesResponseMapper.fromCanonical(response);

        assertThat(response.choices().getFirst().finishReason()).hasValue(FinishReason.CONTENT_FILTER);
        assertThat(written.path("status").stringValue()).isEqualTo("incomplete");
        assertThat(written.at("/incomplete_details/reason").stringValue()).isEqualTo("content_filter");
        assertThat(written.at("/output/0/status").stringValue()).isEqualTo("incomplete");
    }

    @Test
    void aFailedResponseFailsWithItsErrorClassified() {
        ObjectNode body = json("response.basic.json").put("status", "failed");
        body.putObject("error").put("code", "rate_limit_exceeded").put("message", "Slow down.");

        assertThatThrownBy(() -> ResponsesResponseMapper.toCanonical(body)).isInstanceOfSatisfying(
                GatewayException.class, e -> assertThat(e.error()).isEqualTo(
                        new GatewayError.RateLimited("Slow down.", Optional.empty())));
    }

    @Test
    void aBodyThatIsNotAnObjectIsABadGateway() {
        assertThatThrownBy(() -> ResponsesResponseMapper.toCanonical(dev.junction.json.Json.MAPPER.createArrayNode()))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error()).isInstanceOf(GatewayError.BadGateway.class));
    }
}
