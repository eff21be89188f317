package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.DialectMatrix.Upstream;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.RecordedRequest;
import dev.junction.testkit.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Real clients from the npm registry, used as a user would, through the gateway's Responses API to an Anthropic and a
 * Gemini upstream (the mock): Codex CLI ({@code codex exec}) runs the shell command the model asks for and answers
 * with its output, and an OpenAI Agents SDK agent ({@code src/test/clients/agents-weather.mjs}) calls its function
 * tool and answers with the result, plain and streamed. The clients' versions are pinned in
 * {@code src/test/clients/package-lock.json}; {@link NodeClients} installs them. Nothing here needs the internet:
 * Codex's optional network features are off and its proxy points at a closed port.
 */
class RealClientsTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix();

    private static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(2);
    /** Any connection a client tries outside the gateway goes here, and is refused. */
    private static final String NO_INTERNET = "http://127.0.0.1:9";
    private static final Map<String, String> OFFLINE = Map.of("HTTPS_PROXY", NO_INTERNET, "HTTP_PROXY", NO_INTERNET,
            "ALL_PROXY", NO_INTERNET, "NO_PROXY", "127.0.0.1,localhost");

    private static NodeClients clients;

    @BeforeAll
    static void installClients() {
        clients = NodeClients.installed();
    }

    @ParameterizedTest
    @EnumSource(value = Upstream.class, names = {"ANTHROPIC", "GEMINI"})
    void codexRunsTheShellCommandTheModelAsksForAndAnswersWithItsOutput(Upstream upstream, @TempDir Path temp)
            throws IOException {
        Path codexHome = Files.createDirectories(temp.resolve("codex-home"));
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(project.resolve("note.txt"), "The launch code is violet-tangerine-42.\n");
        Files.writeString(codexHome.resolve("config.toml"), codexConfig(upstream));
        ENV.upstream().enqueue(Behavior.toolCalls(new ToolCall("call_note_1", "exec_command",
                "{\"cmd\":\"cat note.txt\"}")).withThinking("The note is in the project; I should read it."));
        ENV.upstream().enqueue(Behavior.reply("The note says the launch code is violet-tangerine-42."));

        NodeClients.Run codex = clients.node(List.of(clients.module("@openai/codex/bin/codex.js").toString(), "exec",
                        "--strict-config", "--skip-git-repo-check", "What does note.txt say?"), project,
                withOffline(Map.of("CODEX_HOME", codexHome.toString(), "JUNCTION_KEY", Gateway.KEY)), CLIENT_TIMEOUT);

        String context = codex.describe() + "\n" + upstreamRequests();
        assertThat(codex.exitCode()).as(context).isZero();
        assertThat(codex.stdout()).as(context).contains("The note says the launch code is violet-tangerine-42.");
        List<RecordedRequest> requests = ENV.upstream().requests();
        assertThat(requests).as(context).hasSize(2);
        assertThat(toolNames(upstream, requests.getFirst().json())).as("Codex's shell tool, in\n" + context)
                .contains("exec_command");
        String[] result = upstream.toolResult(requests.get(1).json());
        assertThat(result[0]).as(context).isEqualTo("exec_command");
        assertThat(result[1]).as("the command's output went back to the model\n" + context)
                .contains("violet-tangerine-42");
        assertThat(replayedThinking(upstream, requests.get(1).json()))
                .as("Codex replayed the gateway's sealed reasoning item, restored for the upstream\n" + context)
                .isTrue();
    }

    /**
     * Whether the assistant turn before the tool result carries the thinking the mock issued: Anthropic's signed
     * {@code thinking} block, or Gemini's {@code thoughtSignature} on the call (the mock rejects one it did not issue).
     */
    private static boolean replayedThinking(Upstream upstream, JsonNode body) {
        JsonNode turns = upstream == Upstream.GEMINI ? body.path("contents") : body.path("messages");
        JsonNode assistant = turns.get(turns.size() - 2);
        for (JsonNode part : assistant.path(upstream == Upstream.GEMINI ? "parts" : "content")) {
            boolean signed = upstream == Upstream.GEMINI
                    ? part.has("functionCall") && !part.path("thoughtSignature").asString("").isEmpty()
                    : part.path("type").asString("").equals("thinking") && !part.path("signature").asString("")
                            .isEmpty();
            if (signed) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @EnumSource(value = Upstream.class, names = {"ANTHROPIC", "GEMINI"})
    void anAgentsSdkAgentCallsItsFunctionToolAndAnswersWithTheResult(Upstream upstream) {
        assertAgentUsesItsTool(upstream, false);
    }

    @ParameterizedTest
    @EnumSource(value = Upstream.class, names = {"ANTHROPIC", "GEMINI"})
    void aStreamedAgentsSdkRunCallsItsFunctionToolAndAnswersWithTheResult(Upstream upstream) {
        assertAgentUsesItsTool(upstream, true);
    }

    private static void assertAgentUsesItsTool(Upstream upstream, boolean stream) {
        ENV.upstream().enqueue(Behavior.toolCalls(DialectMatrix.WEATHER_CALL));
        ENV.upstream().enqueue(Behavior.reply("Paris is at 18 degrees and sunny right now."));

        NodeClients.Run agent = clients.node(List.of(clients.dir().resolve("agents-weather.mjs").toString()),
                clients.dir(), withOffline(Map.of("JUNCTION_BASE_URL", ENV.gateway().baseUrl() + "/v1",
                        "JUNCTION_KEY", Gateway.KEY, "JUNCTION_MODEL", upstream.model,
                        "JUNCTION_STREAM", String.valueOf(stream))), CLIENT_TIMEOUT);

        String context = "node " + clients.nodeVersion() + "\n" + agent.describe() + "\n" + upstreamRequests();
        assertThat(agent.exitCode()).as(context).isZero();
        assertThat(agent.stdout()).as("two turns of the Responses API\n" + context)
                .containsPattern("response ids: \\[\"resp_\\w+\",\"resp_\\w+\"\\]");
        assertThat(agent.stdout()).as(context).contains("tool calls: [\"Paris\"]")
                .contains("final output: Paris is at 18 degrees and sunny right now.");
        if (stream) {
            assertThat(agent.stdout()).as("text deltas reached the agent\n" + context).contains("delta: ");
        }
        List<RecordedRequest> requests = ENV.upstream().requests();
        assertThat(requests).as(context).hasSize(2);
        String[] result = upstream.toolResult(requests.get(1).json());
        assertThat(result[0]).as(context).isEqualTo("get_weather");
        assertThat(result[1]).as(context).contains("It is 18 degrees and sunny in Paris.");
    }

    /**
     * The README's recipe (a custom provider with {@code wire_api = "responses"}, no hosted web search), plus what a
     * test needs: no approval prompts, no sandbox (the command is a harmless {@code cat}) and none of Codex's own
     * network features (update check, analytics, feedback, telemetry, plugins and apps).
     */
    private static String codexConfig(Upstream upstream) {
        return """
                model = "%s"
                model_provider = "junction"
                model_reasoning_effort = "high"
                web_search = "disabled"
                approval_policy = "never"
                sandbox_mode = "danger-full-access"
                check_for_update_on_startup = false

                [model_providers.junction]
                name = "Junction"
                base_url = "%s/v1"
                env_key = "JUNCTION_KEY"
                wire_api = "responses"

                [analytics]
                enabled = false

                [feedback]
                enabled = false

                [otel]
                exporter = "none"

                [features]
                plugins = false
                remote_plugin = false
                apps = false
                """.formatted(upstream.model, ENV.gateway().baseUrl());
    }

    private static Map<String, String> withOffline(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(OFFLINE);
        all.putAll(env);
        return all;
    }

    /** The function tools an upstream request offers, by name. */
    private static List<String> toolNames(Upstream upstream, JsonNode body) {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            if (upstream == Upstream.GEMINI) {
                tool.path("functionDeclarations").forEach(f -> names.add(f.path("name").asString()));
            } else {
                names.add(tool.path("name").asString());
            }
        }
        return names;
    }

    /** What the upstream received, for failure messages: Codex's requests are long, their ends matter most. */
    private static String upstreamRequests() {
        return ENV.upstream().requests().stream().map(r -> "--- upstream " + r.method() + " " + r.path() + "\n"
                + (r.body().length() > 6000 ? "…" + r.body().substring(r.body().length() - 6000) : r.body()))
                .collect(Collectors.joining("\n"));
    }
}
