package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The external HTTP guard end to end: a real webhook server in the test answers allow, deny, redact (masked texts or
 * spans), never (a timeout) or outside the protocol, and the gateway passes, refuses in the client's dialect, masks,
 * fails open or fails closed; on a streamed answer the webhook sees the whole answer before the client does.
 */
class ExternalGuardTest {

    private static final String TOKEN = "hook-token-0123456789abcdef";

    private static MockUpstream upstream;
    private static GuardWebhookServer hook;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        hook = GuardWebhookServer.start();
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                routes:
                  checked: {steps: [{provider: openai, model: gpt-4o}]}
                  open: {steps: [{provider: openai, model: gpt-4o}]}
                  closed: {steps: [{provider: openai, model: gpt-4o}]}
                  broken: {steps: [{provider: openai, model: gpt-4o}]}
                  answers: {steps: [{provider: openai, model: gpt-4o}]}
                  completion-answers:
                    groups: [{deployments: [{provider: openai, model: gpt-3.5-turbo-instruct, operations: [completions]}]}]
                guardrails:
                  detectors:
                    presidio:
                      webhook:
                        url: %s
                        timeout: 10s
                        headers: {authorization: "Bearer ${HOOK_TOKEN}"}
                        entity_types: [PERSON, LOCATION]
                    slow-open: {webhook: {url: %s, timeout: 300ms, fail_open: true}}
                    slow-closed: {webhook: {url: %s, timeout: 300ms}}
                    broken: {webhook: {url: %s}}
                  policies:
                    external:
                      detectors: [presidio]
                      actions: {LOCATION: flag}
                      restore: true
                      applies_to: {routes: [checked]}
                    open: {detectors: [slow-open], applies_to: {routes: [open]}}
                    closed: {detectors: [slow-closed], applies_to: {routes: [closed]}}
                    broken: {detectors: [broken], applies_to: {routes: [broken]}}
                    external-answers: {detectors: [presidio], on: output, applies_to: {routes: [answers]}}
                    external-completions:
                      detectors: [presidio]
                      on: output
                      applies_to: {routes: [completion-answers]}
                """.formatted(Gateway.KEY, hook.url("/check"), hook.url("/slow"), hook.url("/slow"),
                hook.url("/broken")), Map.of("OPENAI_BASE_URL", upstream.baseUrl(), "OPENAI_API_KEY",
                "sk-upstream-secret-abcdef123456", "HOOK_TOKEN", TOKEN));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        hook.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
        hook.reset();
    }

    private static ChatCompletionCreateParams ask(String model, String prompt) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt).build();
    }

    private static String upstreamPrompt() {
        JsonNode messages = upstream.lastRequest().orElseThrow().json().get("messages");
        return messages.get(messages.size() - 1).get("content").asString();
    }

    @Test
    void anAllowedRequestReachesTheUpstreamAndTheWebhookGetsTheTextsPolicyDirectionAndRequestId() {
        gateway.sdk().chat().completions().create(ask("checked", "What is the capital of France?"));

        assertThat(upstreamPrompt()).isEqualTo("What is the capital of France?");
        GuardWebhookServer.Call call = hook.calls().getFirst();
        assertThat(call.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(call.body().get("policy").asString()).isEqualTo("external");
        assertThat(call.body().get("detector").asString()).isEqualTo("presidio");
        assertThat(call.body().get("direction").asString()).isEqualTo("input");
        assertThat(call.body().get("request_id").asString()).isNotBlank();
        assertThat(call.body().get("texts")).isEqualTo(Json.MAPPER.readTree("[\"What is the capital of France?\"]"));
        assertThat(Json.write(call.body())).doesNotContain(Gateway.KEY);
    }

    @Test
    void aDeniedRequestIsRefusedWithA400NamingThePolicyTypesAndReasonAndNeverReachesTheUpstream() {
        hook.answer(body -> "{\"action\":\"deny\",\"entity_types\":[\"PERSON\"],\"reason\":\"a person's name\"}");

        assertThatThrownBy(() -> gateway.sdk().chat().completions().create(ask("checked", "Tell me about Ada")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("external").contains("PERSON").contains("a person's name")
                        .doesNotContain("Ada"));
        assertThat(upstream.requests()).isEmpty();
        assertThat(gateway.awaitLog("external/presidio/PERSON:block@input")).isNotEmpty();
    }

    @Test
    void aDenialOfAFlaggedEntityTypeOnlyFlags() {
        hook.answer(body -> "{\"action\":\"deny\",\"entity_types\":[\"LOCATION\"]}");

        gateway.sdk().chat().completions().create(ask("checked", "Weather in Paris?"));

        assertThat(upstreamPrompt()).isEqualTo("Weather in Paris?");
        assertThat(gateway.awaitLog("external/presidio/LOCATION:flag@input")).isNotEmpty();
    }

    @Test
    void aDeniedRequestIsRefusedInAnthropicsShape() {
        hook.answer(body -> "{\"action\":\"deny\"}");
        AnthropicClient anthropic = Sdks.anthropic(gateway);
        try {
            assertThatThrownBy(() -> anthropic.messages().create(MessageCreateParams.builder().model("checked")
                    .maxTokens(50).addUserMessage("hello").build()))
                    .isInstanceOfSatisfying(com.anthropic.errors.BadRequestException.class, e ->
                            assertThat(e.getMessage()).contains("external").contains("DENIED"));
        } finally {
            anthropic.close();
        }
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void maskedTextsFromTheWebhookAreWhatTheUpstreamReceives() {
        hook.answer(body -> "{\"action\":\"redact\",\"texts\":[\"Call <PERSON> today\"]}");

        gateway.sdk().chat().completions().create(ask("checked", "Call Ada Lovelace today"));

        assertThat(upstreamPrompt()).isEqualTo("Call <PERSON> today");
    }

    @Test
    void spansFromTheWebhookAreMaskedWithPlaceholdersAndRestoredInTheAnswer() {
        hook.answer(body -> "{\"action\":\"redact\",\"spans\":[{\"text\":0,\"start\":5,\"end\":17,"
                + "\"entity_type\":\"PERSON\"}]}");

        ChatCompletion answer = gateway.sdk().chat().completions().create(ask("checked", "Call Ada Lovelace today"));

        assertThat(upstreamPrompt()).isEqualTo("Call [PERSON_1] today");
        assertThat(answer.choices().getFirst().message().content().orElseThrow()).contains("Ada Lovelace")
                .doesNotContain("[PERSON_1]");
        assertThat(gateway.awaitLog("external/presidio/PERSON:redact@input")).isNotEmpty();
    }

    @Test
    void aWebhookThatTimesOutLetsTheRequestThroughWhenItFailsOpen() {
        gateway.sdk().chat().completions().create(ask("open", "hello there"));

        assertThat(upstreamPrompt()).isEqualTo("hello there");
        assertThat(gateway.awaitLog("open/slow-open/WEBHOOK_FAILED:flag@input")).isNotEmpty();
    }

    @Test
    void aWebhookThatTimesOutRefusesTheRequestWithA503WhenItFailsClosed() {
        assertThatThrownBy(() -> gateway.sdk().chat().completions().create(ask("closed", "hello there")))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("slow-closed").contains("fails closed");
                });
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void anAnswerOutsideTheProtocolCountsAsAFailure() {
        assertThatThrownBy(() -> gateway.sdk().chat().completions().create(ask("broken", "hello")))
                .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode())
                        .isEqualTo(503));
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void aStreamedAnswerIsCheckedWholeAndLeavesMasked() {
        upstream.setDefault(Behavior.reply("Ada Lovelace wrote the first program, said Ada Lovelace."));
        hook.answer(body -> body.get("direction").asString().equals("output")
                ? "{\"action\":\"redact\",\"texts\":[\"<PERSON> wrote the first program, said <PERSON>.\"]}"
                : "{\"action\":\"allow\"}");
        StringBuilder text = new StringBuilder();

        try (StreamResponse<ChatCompletionChunk> stream = gateway.sdk().chat().completions()
                .createStreaming(ask("answers", "who?"))) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }

        assertThat(text.toString()).isEqualTo("<PERSON> wrote the first program, said <PERSON>.");
        JsonNode call = hook.calls().getLast().body();
        assertThat(call.get("direction").asString()).isEqualTo("output");
        assertThat(call.get("texts").get(0).asString())
                .isEqualTo("Ada Lovelace wrote the first program, said Ada Lovelace.");
    }

    @Test
    void aStreamedAnswerTheWebhookDeniesEndsWithAnErrorAndNoneOfItsText() {
        upstream.setDefault(Behavior.reply("The launch codes are 0000."));
        hook.answer(body -> "{\"action\":\"deny\",\"entity_types\":[\"LAUNCH_CODE\"]}");
        StringBuilder text = new StringBuilder();

        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = gateway.sdk().chat().completions()
                    .createStreaming(ask("answers", "codes?"))) {
                stream.stream().forEach(chunk -> chunk.choices()
                        .forEach(c -> c.delta().content().ifPresent(text::append)));
            }
        }).hasMessageContaining("external-answers").hasMessageContaining("LAUNCH_CODE");
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void aCompleteAnswerTheWebhookDeniesIsRefused() {
        upstream.setDefault(Behavior.reply("The launch codes are 0000."));
        hook.answer(body -> "{\"action\":\"deny\",\"entity_types\":[\"LAUNCH_CODE\"]}");

        assertThatThrownBy(() -> gateway.sdk().chat().completions().create(ask("answers", "codes?")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("external-answers").doesNotContain("0000"));
    }

    @Test
    void aStreamedLegacyCompletionIsCheckedWholeAndLeavesMasked() {
        hook.answer(body -> body.get("direction").asString().equals("output")
                ? "{\"action\":\"redact\",\"texts\":[\"Mock completion: ask <PERSON> now\"]}"
                : "{\"action\":\"allow\"}");

        HttpResponse<String> response = gateway.post("/v1/completions", """
                {"model": "completion-answers", "prompt": "ask Ada Lovelace now", "max_tokens": 64, "stream": true}""");

        assertThat(response.statusCode()).isEqualTo(200);
        String text = response.body().lines().filter(l -> l.startsWith("data: {"))
                .map(l -> Json.MAPPER.readTree(l.substring(6)).at("/choices/0/text").asString(""))
                .collect(java.util.stream.Collectors.joining());
        assertThat(text).isEqualTo("Mock completion: ask <PERSON> now");
        assertThat(response.body()).doesNotContain("Lovelace").endsWith("data: [DONE]\n\n");
        JsonNode call = hook.calls().getLast().body();
        assertThat(call.get("direction").asString()).isEqualTo("output");
        assertThat(call.get("texts").get(0).asString()).isEqualTo("Mock completion: ask Ada Lovelace now");
    }

    @Test
    void aStreamedLegacyCompletionTheWebhookDeniesEndsWithAnErrorChunkAndNoneOfItsText() {
        hook.answer(body -> body.get("direction").asString().equals("output")
                ? "{\"action\":\"deny\",\"entity_types\":[\"LAUNCH_CODE\"]}" : "{\"action\":\"allow\"}");

        HttpResponse<String> response = gateway.post("/v1/completions", """
                {"model": "completion-answers", "prompt": "the codes are 0000", "max_tokens": 64, "stream": true}""");

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = response.body().lines().filter(l -> l.startsWith("data: ")).toList();
        assertThat(data).hasSize(1);
        assertThat(Json.MAPPER.readTree(data.getFirst().substring(6)).at("/error/message").asString())
                .contains("external-completions").contains("LAUNCH_CODE");
        assertThat(response.body()).doesNotContain("0000");
    }
}
