package dev.junction.dialect.openai;

import static dev.junction.dialect.openai.OpenAiFixtures.json;
import static dev.junction.dialect.openai.OpenAiFixtures.normalized;
import static dev.junction.dialect.openai.OpenAiFixtures.withoutUntrackedFields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.TokenLogprob;
import dev.junction.model.Usage;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class OpenAiResponseMapperTest {

    static Stream<String> responseFixtures() {
        return OpenAiFixtures.names("response.", ".json");
    }

    /**
     * Everything but {@code message.annotations} and the audio/predicted-output usage counters comes back; top-level
     * fields such as {@code service_tier} and {@code system_fingerprint} return through the extensions.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("responseFixtures")
    void everyResponseFixtureSurvivesARoundTripExceptUntrackedFields(String fixture) {
        ObjectNode original = json(fixture);

        ObjectNode written = OpenAiResponseMapper.fromCanonical(OpenAiResponseMapper.toCanonical(original));

        assertThat(normalized(written)).isEqualTo(normalized(withoutUntrackedFields(original)));
    }

    @Test
    void basicFixtureMapsTextFinishReasonUsageAndHeader() {
        ChatResponse response = OpenAiResponseMapper.toCanonical(json("response.basic.json"));

        assertThat(response.id()).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
        assertThat(response.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(response.created()).isEqualTo(1741569952L);
        assertThat(response.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.message().content())
                    .containsExactly(new ContentPart.Text("Hello! How can I assist you today?"));
            assertThat(choice.finishReason()).hasValue(FinishReason.STOP);
            assertThat(choice.logprobs()).isEmpty();
        });
        assertThat(response.usage()).isEqualTo(new Usage(19, 10, 0, 0, 0));
    }

    @Test
    void topLevelUnknownFieldsAreKeptAsExtensions() {
        ChatResponse response = OpenAiResponseMapper.toCanonical(json("response.basic.json"));

        assertThat(response.extensions().get(Dialect.OPENAI_CHAT)).hasValueSatisfying(ext -> {
            assertThat(ext.get("service_tier").stringValue()).isEqualTo("default");
            assertThat(ext.get("system_fingerprint").stringValue()).isEqualTo("fp_560af6e559");
        });
    }

    @Test
    void toolsFixtureMapsBothCallsWithIdsNamesAndArgumentStrings() {
        ChatResponse response = OpenAiResponseMapper.toCanonical(json("response.tools.json"));

        assertThat(response.choices().getFirst().message().content()).containsExactly(
                new ContentPart.ToolCall("call_8fxy20OEu9ulvvaa5b5CzVA4", "get_current_weather",
                        "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"),
                new ContentPart.ToolCall("call_Xc4Aiih37EUJvqjoZlu4Vdoi", "get_current_weather",
                        "{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}"));
        assertThat(response.choices().getFirst().finishReason()).hasValue(FinishReason.TOOL_CALLS);
        assertThat(response.usage()).isEqualTo(new Usage(82, 51, 0, 0, 0));
    }

    @Test
    void logprobsFixtureMapsTokensBytesAndTopAlternatives() {
        ChatResponse response = OpenAiResponseMapper.toCanonical(json("response.logprobs.json"));

        List<TokenLogprob> tokens = response.choices().getFirst().logprobs();
        assertThat(tokens).extracting(TokenLogprob::token).containsExactly("Hello", "!", " How");
        assertThat(tokens.getFirst().logprob()).isEqualTo(-0.31725305);
        assertThat(tokens.getFirst().bytes()).hasValue(List.of(72, 101, 108, 108, 111));
        assertThat(tokens.getFirst().top()).extracting(TokenLogprob::token).containsExactly("Hello", "Hi");
        assertThat(tokens.get(2).top().get(1)).isEqualTo(
                new TokenLogprob("<|end|>", -10.953937, Optional.empty(), List.of()));
        assertThat(response.choices().getFirst().finishReason()).hasValue(FinishReason.LENGTH);
    }

    @Test
    void nTwoFixtureMapsBothChoicesInIndexOrder() {
        ChatResponse response = OpenAiResponseMapper.toCanonical(json("response.n2.json"));

        assertThat(response.choices()).hasSize(2);
        assertThat(response.choices().get(0).index()).isZero();
        assertThat(response.choices().get(0).message().joinedText()).isEqualTo("Hi there!");
        assertThat(response.choices().get(1).index()).isEqualTo(1);
        assertThat(response.choices().get(1).message().joinedText()).isEqualTo("Hello! How can I help?");
    }

    @Test
    void cachedAndReasoningTokensAreRead() {
        ObjectNode body = json("response.basic.json");
        ObjectNode usage = (ObjectNode) body.get("usage");
        usage.put("prompt_tokens", 2006).put("completion_tokens", 300).put("total_tokens", 2306);
        ((ObjectNode) usage.get("prompt_tokens_details")).put("cached_tokens", 1920).put("cache_write_tokens", 64);
        ((ObjectNode) usage.get("completion_tokens_details")).put("reasoning_tokens", 256);

        ChatResponse response = OpenAiResponseMapper.toCanonical(body);

        assertThat(response.usage()).isEqualTo(new Usage(2006, 300, 1920, 64, 256));
    }

    @Test
    void cachedAndReasoningTokensAreWrittenBack() {
        ObjectNode usage = OpenAiUsage.write(new Usage(2006, 300, 1920, 64, 256));

        assertThat(normalized(usage)).isEqualTo(normalized(Json.tryParse("""
                {"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,
                 "prompt_tokens_details":{"cached_tokens":1920,"cache_write_tokens":64},
                 "completion_tokens_details":{"reasoning_tokens":256}}""").orElseThrow()));
    }

    @Test
    void refusalIsMappedToARefusalPartAndBack() {
        ObjectNode body = json("response.basic.json");
        ObjectNode message = (ObjectNode) body.at("/choices/0/message");
        message.putNull("content").put("refusal", "I can't help with that.");

        ChatResponse response = OpenAiResponseMapper.toCanonical(body);

        assertThat(response.choices().getFirst().message().content())
                .containsExactly(new ContentPart.Refusal("I can't help with that."));
        ObjectNode written = OpenAiResponseMapper.fromCanonical(response);
        assertThat(written.at("/choices/0/message/refusal").stringValue()).isEqualTo("I can't help with that.");
        assertThat(written.at("/choices/0/message/content").isNull()).isTrue();
    }
}
