package dev.junction.dialect.gemini;

import static dev.junction.dialect.gemini.GeminiFixtures.gemini;
import static dev.junction.dialect.gemini.GeminiFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.Usage;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class GeminiResponseMapperTest {

    static Stream<String> responseFixtures() {
        return GeminiFixtures.RESPONSES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responseFixtures")
    void everyResponseFixtureSurvivesARoundTripThroughTheCanonicalModel(String fixture) {
        ObjectNode original = gemini(fixture);

        ObjectNode written = GeminiResponseMapper.fromCanonical(GeminiResponseMapper.toCanonical(original.deepCopy()));

        assertThat(normalized(written)).isEqualTo(normalized(original));
    }

    @Test
    void basicFixtureMapsIdModelTextAndUsage() {
        ChatResponse response = GeminiResponseMapper.toCanonical(gemini("response.basic.json"));

        assertThat(response.id()).isEqualTo("IZI2acSKMoWl0-kPmYj2yQc");
        assertThat(response.model()).isEqualTo("gemini-2.5-flash");
        assertThat(response.choices().getFirst().message().joinedText()).startsWith("AI works by training");
        assertThat(response.choices().getFirst().finishReason()).contains(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(new Usage(17, 27, 0, 0, 0));
    }

    @Test
    void thoughtsCountAsOutputAndAsReasoning() {
        ChatResponse response = GeminiResponseMapper.toCanonical(gemini("response.thinking.json"));

        assertThat(response.usage()).isEqualTo(new Usage(18, 41 + 732, 0, 0, 732));
        assertThat(response.usage().totalTokens()).isEqualTo(791);
        assertThat(response.choices().getFirst().message().content().getFirst())
                .isInstanceOf(ContentPart.Thinking.class);
    }

    @Test
    void cachedTokensAreReadAndWrittenAsCachedContent() {
        ObjectNode body = Json.parseObject(("{\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":100,"
                + "\"cachedContentTokenCount\":60,\"candidatesTokenCount\":5,\"totalTokenCount\":105}}").getBytes());

        Usage usage = GeminiResponseMapper.toCanonical(body).usage();

        assertThat(usage).isEqualTo(new Usage(100, 5, 60, 0, 0));
        assertThat(GeminiUsage.write(usage).get("cachedContentTokenCount").asLong()).isEqualTo(60);
    }

    @Test
    void functionCallsGetGeneratedIdsAndStopWithCallsIsToolCalls() {
        ChatResponse response = GeminiResponseMapper.toCanonical(gemini("response.tools.json"));

        Choice choice = response.choices().getFirst();
        assertThat(choice.finishReason()).contains(FinishReason.TOOL_CALLS);
        assertThat(choice.message().toolCalls()).hasSize(2).allSatisfy(call -> {
            assertThat(call.id()).matches("call_[A-Za-z0-9]{24}");
            assertThat(call.name()).isEqualTo("get_weather");
        });
        assertThat(choice.message().toolCalls().get(1).arguments())
                .isEqualTo("{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}");
        assertThat(response.usage()).isEqualTo(new Usage(83, 28 + 104, 0, 0, 104));
    }

    @Test
    void aSignatureFromGeminiIsTaggedAndPlacedBeforeItsPart() {
        ChatResponse response = GeminiResponseMapper.toCanonical(gemini("response.tools.json"));

        ContentPart.Thinking thinking = (ContentPart.Thinking) response.choices().getFirst().message().content()
                .getFirst();
        assertThat(thinking.signature().orElseThrow()).startsWith("jn1.gemini.CikBcsjaf");
    }

    @Test
    void aBlockedPromptIsOneEmptyChoiceFinishedByTheContentFilter() {
        ChatResponse response = GeminiResponseMapper.toCanonical(gemini("response.prompt-blocked.json"));

        assertThat(response.choices()).containsExactly(new Choice(0, new Message(Role.ASSISTANT, List.of(),
                Optional.empty()), Optional.of(FinishReason.CONTENT_FILTER), List.of()));
    }

    @Test
    void aSafetyStopIsAContentFilterFinish() {
        ChatResponse response = GeminiResponseMapper.toCanonical(gemini("response.finish-safety.json"));

        assertThat(response.choices().getFirst().finishReason()).contains(FinishReason.CONTENT_FILTER);
        assertThat(response.choices().getFirst().message().content()).isEmpty();
    }

    @Test
    void aResponseFromAnotherDialectShowsForeignSignaturesAsBase64TagsAndCountsThoughtsApart() {
        ChatResponse response = new ChatResponse("msg_1", "claude", 0, List.of(new Choice(0, new Message(
                Role.ASSISTANT, List.of(new ContentPart.Thinking("hmm", Optional.of(ThoughtSignature.tag(
                        Dialect.ANTHROPIC, "sig")), false), new ContentPart.Text("Hi"),
                new ContentPart.ToolCall("toolu_1", "f", "{\"a\":1}")), Optional.empty()),
                Optional.of(FinishReason.TOOL_CALLS), List.of())), new Usage(10, 30, 4, 0, 20), Extensions.none());

        ObjectNode body = GeminiResponseMapper.fromCanonical(response);

        assertThat(normalized(body)).isEqualTo(normalized(Json.parseObject(("{\"candidates\":[{\"content\":{\"parts\":["
                + "{\"text\":\"hmm\",\"thought\":true,\"thoughtSignature\":\"" + java.util.Base64.getEncoder().encodeToString(
                "jn1.anthropic.sig".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"},{\"text\":\"Hi\"},"
                + "{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":1}}}],\"role\":\"model\"},\"finishReason\":\"STOP\","
                + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":10,"
                + "\"totalTokenCount\":40,\"cachedContentTokenCount\":4,\"thoughtsTokenCount\":20},"
                + "\"modelVersion\":\"claude\",\"responseId\":\"msg_1\"}").getBytes())));
    }

    @Test
    void aBodyThatIsNotAnObjectIsABadGateway() {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> GeminiResponseMapper.toCanonical(Json.MAPPER.createArrayNode()));

        assertThat(e.error()).isInstanceOf(GatewayError.BadGateway.class);
    }

    @Test
    void usageOfReadsTheUsageWithoutTheCandidates() {
        assertThat(GeminiUsage.usageOf(GeminiFixtures.bytes(GeminiFixtures.GEMINI, "response.tools.json")))
                .contains(new Usage(83, 132, 0, 0, 104));
        assertThat(GeminiUsage.usageOf("[1]".getBytes())).isEmpty();
    }
}
