package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.models.messages.MessageCreateParams;
import com.google.genai.Client;
import com.google.genai.errors.ClientException;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.extension.RequestSummary;
import dev.junction.it.plugins.ProbeExtension;
import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The extension interface end to end, with the official SDKs against a gateway running the test class path's
 * {@code probe} extension: a rewrite is what the upstream receives, a refusal speaks each client's dialect, a
 * routing hook leaves a deployment out, stream events and complete answers are rewritten, and the finished hook gets
 * the request's summary.
 */
class ExtensionsTest {

    static final String ADMIN = "jk-admin-0123456789abcdef";

    @RegisterExtension
    static final GatewayExtension ENV = new GatewayExtension("""
            admin_keys: [{name: ops, key: %s}]
            routes:
              plain: {steps: [{provider: openai, model: gpt-4o}]}
              shout: {steps: [{provider: openai, model: gpt-4o}]}
              picky:
                strategy: round-robin
                groups:
                  - deployments:
                      - {provider: openai, model: gpt-4o, tags: [avoid]}
                      - {provider: openai, model: gpt-4o-mini}
            extensions:
              plugins:
                probe: {settings: {hide: classified}}
            """.formatted(ADMIN));

    private static AnthropicClient anthropic;
    private static Client google;

    private static synchronized AnthropicClient anthropic() {
        if (anthropic == null) {
            anthropic = Sdks.anthropic(ENV.gateway());
        }
        return anthropic;
    }

    private static synchronized Client google() {
        if (google == null) {
            google = Sdks.google(ENV.gateway());
        }
        return google;
    }

    @AfterAll
    static void closeClients() {
        if (anthropic != null) {
            anthropic.close();
        }
    }

    private static ChatCompletionCreateParams ask(String model, String prompt) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt).build();
    }

    private static JsonNode upstreamBody() {
        return ENV.upstream().lastRequest().orElseThrow().json();
    }

    private static String upstreamPrompt() {
        JsonNode messages = upstreamBody().get("messages");
        return messages.get(messages.size() - 1).get("content").asString();
    }

    @Test
    void theUpstreamReceivesTheRequestAsTheRequestHookRewroteIt() {
        ENV.gateway().sdk().chat().completions().create(ask("plain", "tell me the classified plan"));

        assertThat(upstreamPrompt()).isEqualTo("tell me the [withheld] plan");
    }

    @Test
    void anAnthropicClientsRewrittenRequestReachesTheUpstreamRewrittenToo() {
        anthropic().messages().create(MessageCreateParams.builder().model("plain").maxTokens(50)
                .addUserMessage("the classified memo").build());

        assertThat(upstreamPrompt()).isEqualTo("the [withheld] memo");
    }

    @Test
    void aRefusalReachesAnOpenAiClientWithItsStatusAndMessageAndNeverTheUpstream() {
        assertThatThrownBy(() -> ENV.gateway().sdk().chat().completions().create(ask("plain", "please refuse me")))
                .isInstanceOfSatisfying(com.openai.errors.PermissionDeniedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("The probe refuses this prompt.");
                });
        assertThat(ENV.upstream().requests()).isEmpty();
    }

    @Test
    void aRefusalReachesAnAnthropicClientInAnthropicsShape() {
        assertThatThrownBy(() -> anthropic().messages().create(MessageCreateParams.builder().model("plain")
                .maxTokens(50).addUserMessage("refuse me now").build()))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("The probe refuses this prompt.");
                });
        assertThat(ENV.upstream().requests()).isEmpty();
    }

    @Test
    void aRefusalReachesAGeminiClientInGeminisShape() {
        assertThatThrownBy(() -> google().models.generateContent("plain", "refuse me please", null))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("The probe refuses this prompt.");
                });
        assertThat(ENV.upstream().requests()).isEmpty();
    }

    @Test
    void theRoutingHookLeavesTheAvoidedDeploymentOutOfEveryRequest() {
        for (int i = 0; i < 4; i++) {
            ENV.gateway().sdk().chat().completions().create(ask("picky", "hi " + i));
        }

        assertThat(ENV.upstream().requests()).hasSize(4)
                .allSatisfy(r -> assertThat(r.json().get("model").asString()).isEqualTo("gpt-4o-mini"));
    }

    @Test
    void theStreamHookRewritesEveryTextEvent() {
        ENV.upstream().setDefault(Behavior.reply("quiet words here"));
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = ENV.gateway().sdk().chat().completions()
                .createStreaming(ask("shout", "hi"))) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }

        assertThat(text.toString()).isEqualTo("QUIET WORDS HERE");
    }

    @Test
    void aStreamOnAnotherRouteIsUntouched() {
        ENV.upstream().setDefault(Behavior.reply("quiet words here"));
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = ENV.gateway().sdk().chat().completions()
                .createStreaming(ask("plain", "hi"))) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }

        assertThat(text.toString()).isEqualTo("quiet words here");
    }

    @Test
    void theResponseHookRewritesACompleteAnswer() {
        ENV.upstream().setDefault(Behavior.reply("an answer"));

        ChatCompletion answer = ENV.gateway().sdk().chat().completions().create(ask("shout", "hi"));

        assertThat(answer.choices().getFirst().message().content().orElseThrow()).isEqualTo("an answer [probed]");
    }

    @Test
    void theFinishedHookReceivesTheSummaryWithAttributionUsageAndCostButNoKeyOrBody() {
        ENV.upstream().setDefault(Behavior.reply("summarised"));
        var response = ENV.gateway().post("/v1/chat/completions",
                "{\"model\":\"plain\",\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();

        RequestSummary summary = awaitSummary(requestId);

        assertThat(summary.caller().keyName()).isEqualTo("tests");
        assertThat(summary.model()).isEqualTo("plain");
        assertThat(summary.deployment()).isEqualTo("openai/gpt-4o");
        assertThat(summary.provider()).isEqualTo("openai");
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.usage().outputTokens()).isPositive();
        assertThat(summary.costs().meteredNanos()).isPositive();
        assertThat(summary.latencyMs()).isNotNegative();
        assertThat(summary.requestBody()).isEmpty();
        assertThat(summary.responseBody()).isEmpty();
        assertThat(summary.toString()).doesNotContain(Gateway.KEY);
    }

    @Test
    void theAdminApiListsTheRunningExtensionWithItsManifest() {
        var listed = ENV.gateway().get("/api/admin/extensions", "authorization", "Bearer " + ADMIN);

        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode probe = Json.tryParse(listed.body().getBytes()).orElseThrow().get("extensions").get(0);
        assertThat(probe.get("name").asString()).isEqualTo("probe");
        assertThat(probe.get("source").asString()).isEqualTo("classpath");
        assertThat(probe.get("state").asString()).isEqualTo("active");
        assertThat(probe.get("failure_mode").asString()).isEqualTo("fail-open");
        assertThat(probe.get("hooks")).hasSize(5);
    }

    @Test
    void theRoutedChainHasTheExtensionStageRightBeforeExecute() {
        var names = ENV.gateway().server().routedStages().stream().map(s -> s.getClass().getSimpleName()).toList();

        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("ExtensionStage", "ExecuteStage");
    }

    static RequestSummary awaitSummary(String requestId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<RequestSummary> found = ProbeExtension.FINISHED.stream()
                    .filter(s -> s.requestId().equals(requestId)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no summary for " + requestId);
    }
}
