package dev.junction.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.ThoughtSignature;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** fromCanonical for clients of other dialects: defaults, clamps, drops and refusals. */
class AnthropicRequestFromOtherDialectsTest {

    private final Set<String> dropped = new HashSet<>();

    private static ObjectNode openAi(String json) {
        return (ObjectNode) Json.tryParse(json).orElseThrow();
    }

    private ObjectNode fromOpenAi(String json) {
        return AnthropicRequestMapper.fromCanonical(OpenAiRequestMapper.toCanonical(openAi(json)), dropped);
    }

    private static ChatRequest withMessages(ChatRequest base, List<Message> messages) {
        return new ChatRequest(base.model(), messages, base.tools(), base.toolChoice(), base.parallelToolCalls(),
                base.sampling(), base.responseFormat(), base.reasoning(), base.stream(), base.includeUsage(),
                base.metadata(), base.user(), base.extensions());
    }

    private static ChatRequest base() {
        return OpenAiRequestMapper.toCanonical(openAi("""
                {"model":"m","messages":[{"role":"user","content":"hi"}]}"""));
    }

    @Test
    void systemAndDeveloperMessagesAreHoistedAndJoined() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"},
                 {"role":"developer","content":"Use French."}]}""");

        assertThat(body.get("system").stringValue()).isEqualTo("Be brief.\n\nUse French.");
        assertThat(body.get("messages")).hasSize(1);
    }

    @Test
    void maxTokensDefaultsTo4096() {
        assertThat(fromOpenAi("""
                {"model":"m","messages":[{"role":"user","content":"hi"}]}""").get("max_tokens").intValue())
                .isEqualTo(4096);
    }

    @Test
    void anEffortBecomesABudgetWithMaxTokensAboveIt() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","reasoning_effort":"high","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(body.get("thinking").get("type").stringValue()).isEqualTo("enabled");
        assertThat(body.get("thinking").get("budget_tokens").intValue()).isEqualTo(16384);
        assertThat(body.get("max_tokens").intValue()).isEqualTo(16384 + 4096);
    }

    @Test
    void aSmallEffortIsRaisedToTheMinimumBudget() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","reasoning_effort":"minimal","max_completion_tokens":5000,
                 "messages":[{"role":"user","content":"hi"}]}""");

        assertThat(body.get("thinking").get("budget_tokens").intValue()).isEqualTo(1024);
        assertThat(body.get("max_tokens").intValue()).isEqualTo(5000);
    }

    @Test
    void aMaxTokensBelowTheBudgetShrinksTheBudget() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","reasoning_effort":"high","max_completion_tokens":3000,
                 "messages":[{"role":"user","content":"hi"}]}""");

        assertThat(body.get("thinking").get("budget_tokens").intValue()).isEqualTo(2999);
        assertThat(body.get("max_tokens").intValue()).isEqualTo(3000);
    }

    @Test
    void aMaxTokensTooSmallForThinkingDropsThinking() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","reasoning_effort":"low","max_completion_tokens":500,
                 "messages":[{"role":"user","content":"hi"}]}""");

        assertThat(body.has("thinking")).isFalse();
        assertThat(dropped).contains("thinking");
    }

    @Test
    void reasoningEffortNoneDisablesThinking() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","reasoning_effort":"none","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(body.get("thinking").get("type").stringValue()).isEqualTo("disabled");
    }

    @Test
    void temperatureIsClampedToOneNotDropped() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","temperature":1.8,"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(body.get("temperature").doubleValue()).isEqualTo(1.0);
        assertThat(dropped).isEmpty();
    }

    @Test
    void samplingHintsWithoutACounterpartAreDroppedByName() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","seed":7,"presence_penalty":0.5,"frequency_penalty":0.5,"logit_bias":{"50256":-100},
                 "n":1,"logprobs":false,"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(dropped).containsExactlyInAnyOrder("seed", "presence_penalty", "frequency_penalty", "logit_bias");
        assertThat(body.has("seed")).isFalse();
        assertThat(body.has("logit_bias")).isFalse();
    }

    @Test
    void moreThanOneChoiceIsRefused() {
        assertRefused("""
                {"model":"m","n":2,"messages":[{"role":"user","content":"hi"}]}""", "n");
    }

    @Test
    void logprobsAreRefused() {
        assertRefused("""
                {"model":"m","logprobs":true,"messages":[{"role":"user","content":"hi"}]}""", "logprobs");
    }

    @Test
    void audioInputIsRefused() {
        assertRefused("""
                {"model":"m","messages":[{"role":"user","content":[
                 {"type":"input_audio","input_audio":{"data":"AAAA","format":"wav"}}]}]}""", "messages");
    }

    @Test
    void anImageTypeAnthropicCannotReadIsRefused() {
        assertRefused("""
                {"model":"m","messages":[{"role":"user","content":[
                 {"type":"image_url","image_url":{"url":"data:image/bmp;base64,AAAA"}}]}]}""", "messages");
    }

    private void assertRefused(String json, String param) {
        assertThatThrownBy(() -> fromOpenAi(json)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error()).isInstanceOfSatisfying(GatewayError.InvalidRequest.class, i -> {
                    assertThat(i.param()).contains(param);
                    assertThat(i.message()).contains("Anthropic");
                }));
    }

    @Test
    void dataUrlImagesBecomeBase64SourcesAndUrlsStayUrls() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","messages":[{"role":"user","content":[
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBOR","detail":"high"}},
                 {"type":"image_url","image_url":{"url":"https://example.com/a.jpg"}}]}]}""");

        JsonNode content = body.get("messages").get(0).get("content");
        assertThat(content.get(0).get("source")).isEqualTo(Json.tryParse("""
                {"type":"base64","media_type":"image/png","data":"iVBOR"}""").orElseThrow());
        assertThat(content.get(1).get("source")).isEqualTo(Json.tryParse("""
                {"type":"url","url":"https://example.com/a.jpg"}""").orElseThrow());
    }

    @Test
    void aPdfFileBecomesADocumentWithItsFilenameAsTitle() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","messages":[{"role":"user","content":[
                 {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBER","filename":"a.pdf"}}]}]}""");

        assertThat(body.get("messages").get(0).get("content").get(0)).isEqualTo(Json.tryParse("""
                {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBER"},
                 "title":"a.pdf"}""").orElseThrow());
    }

    @Test
    void invalidToolArgumentsBecomeAnEmptyInputAndAreReported() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":null,
                 "tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{oops"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"done"}]}""");

        assertThat(body.get("messages").get(1).get("content").get(0).get("input").isEmpty()).isTrue();
        assertThat(dropped).containsExactly("tool_calls.arguments");
    }

    @Test
    void toolResultsAreGroupedIntoOneUserMessageAheadOfFollowingText() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"",
                 "tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}},
                               {"id":"call.2","type":"function","function":{"name":"f","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"one"},
                 {"role":"tool","tool_call_id":"call.2","content":"two"},
                 {"role":"user","content":"thanks"}]}""");

        JsonNode messages = body.get("messages");
        assertThat(messages).hasSize(3);
        JsonNode user = messages.get(2).get("content");
        assertThat(user).extracting(b -> b.get("type").stringValue())
                .containsExactly("tool_result", "tool_result", "text");
        assertThat(user.get(1).get("tool_use_id").stringValue()).isEqualTo("call_2");
        assertThat(messages.get(1).get("content").get(1).get("id").stringValue()).isEqualTo("call_2");
    }

    @Test
    void allowedToolsFilterTheToolListAndRequiredBecomesAny() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],
                 "tools":[{"type":"function","function":{"name":"a"}},{"type":"function","function":{"name":"b"}}],
                 "tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"required",
                   "tools":[{"type":"function","function":{"name":"b"}}]}},
                 "parallel_tool_calls":false}""");

        assertThat(body.get("tools")).extracting(t -> t.get("name").stringValue()).containsExactly("b");
        assertThat(body.get("tools").get(0).get("input_schema").get("type").stringValue()).isEqualTo("object");
        assertThat(body.get("tool_choice")).isEqualTo(Json.tryParse("""
                {"type":"any","disable_parallel_tool_use":true}""").orElseThrow());
    }

    @Test
    void aForcedToolWithThinkingIsDowngradedToAutoAndReported() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","reasoning_effort":"low","messages":[{"role":"user","content":"hi"}],
                 "tools":[{"type":"function","function":{"name":"a"}}],
                 "tool_choice":{"type":"function","function":{"name":"a"}}}""");

        assertThat(body.get("tool_choice").get("type").stringValue()).isEqualTo("auto");
        assertThat(dropped).contains("tool_choice");
    }

    @Test
    void samplingTheApiRejectsWhileThinkingIsDropped() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","reasoning_effort":"low","temperature":0.2,"top_p":0.5,
                 "messages":[{"role":"user","content":"hi"}]}""");

        assertThat(body.has("temperature")).isFalse();
        assertThat(body.has("top_p")).isFalse();
        assertThat(dropped).contains("temperature", "top_p");
    }

    @Test
    void aJsonSchemaBecomesAnOutputFormatAndJsonObjectIsDropped() {
        ObjectNode schema = fromOpenAi("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema",
                 "json_schema":{"name":"x","schema":{"type":"object"}}}}""");
        assertThat(schema.get("output_config").get("format")).isEqualTo(Json.tryParse("""
                {"type":"json_schema","schema":{"type":"object"}}""").orElseThrow());

        fromOpenAi("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_object"}}""");
        assertThat(dropped).containsExactly("response_format");
    }

    @Test
    void theUserBecomesMetadataUserIdAndStopBecomesStopSequences() {
        ObjectNode body = fromOpenAi("""
                {"model":"m","user":"u-1","stop":["END"],"stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(body.get("metadata").get("user_id").stringValue()).isEqualTo("u-1");
        assertThat(body.get("stop_sequences").get(0).stringValue()).isEqualTo("END");
        assertThat(body.get("stream").booleanValue()).isTrue();
    }

    @Test
    void onlyAnthropicSignedThinkingIsSentUpstream() {
        ChatRequest request = withMessages(base(), List.of(
                Message.text(Role.USER, "hi"),
                new Message(Role.ASSISTANT, List.of(
                        new ContentPart.Thinking("mine", Optional.of(ThoughtSignature.tag(Dialect.ANTHROPIC, "S1")),
                                false),
                        new ContentPart.Thinking("", Optional.of(ThoughtSignature.tag(Dialect.ANTHROPIC, "R1")), true),
                        new ContentPart.Thinking("theirs", Optional.of(ThoughtSignature.tag(Dialect.GEMINI, "G")),
                                false),
                        new ContentPart.Thinking("unsigned", Optional.empty(), false),
                        new ContentPart.Text("answer")), Optional.empty())));

        ObjectNode body = AnthropicRequestMapper.fromCanonical(request, dropped);

        assertThat(body.get("messages").get(1).get("content")).isEqualTo(Json.tryParse("""
                [{"type":"thinking","thinking":"mine","signature":"S1"},{"type":"redacted_thinking","data":"R1"},
                 {"type":"text","text":"answer"}]""").orElseThrow());
        assertThat(dropped).isEmpty();
    }

    @Test
    void opaqueBlocksOfAnthropicAreRestoredAndOthersDroppedByType() {
        JsonNode search = Json.tryParse("""
                {"type":"search_result","source":"s","title":"t","content":[]}""").orElseThrow();
        JsonNode foreign = Json.tryParse("""
                {"type":"custom_thing","x":1}""").orElseThrow();
        ChatRequest request = withMessages(base(), List.of(new Message(Role.USER, List.of(
                new ContentPart.Opaque(Dialect.ANTHROPIC, search), new ContentPart.Opaque(Dialect.OPENAI_CHAT, foreign),
                new ContentPart.Text("hi")), Optional.empty())));

        ObjectNode body = AnthropicRequestMapper.fromCanonical(request, dropped);

        assertThat(body.get("messages").get(0).get("content").get(0)).isEqualTo(search);
        assertThat(body.get("messages").get(0).get("content")).hasSize(2);
        assertThat(dropped).containsExactly("custom_thing");
    }

    @Test
    void anAssistantMessageLeftEmptyIsOmittedAndItsNeighboursMerged() {
        ChatRequest request = withMessages(base(), List.of(Message.text(Role.USER, "a"),
                new Message(Role.ASSISTANT, List.of(new ContentPart.Thinking("x", Optional.empty(), false)),
                        Optional.empty()),
                Message.text(Role.USER, "b")));

        ObjectNode body = AnthropicRequestMapper.fromCanonical(request, dropped);

        assertThat(body.get("messages")).hasSize(1);
        assertThat(body.get("messages").get(0).get("content")).hasSize(2);
    }
}
