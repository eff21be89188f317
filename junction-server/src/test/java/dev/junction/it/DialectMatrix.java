package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import dev.junction.testkit.TestServiceAccount;
import dev.junction.testkit.ToolCall;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;

/**
 * The translation matrix: one mock upstream that speaks OpenAI Chat Completions, the Responses API, Anthropic,
 * Gemini, Azure OpenAI (Entra ID tokens), Gemini and Claude on Vertex AI (a test service account's real OAuth2
 * flow), AWS Bedrock (Converse, signed, and Claude through InvokeModel), Cohere v2 and Ollama's native API, and a
 * gateway with one provider of each pointed at it, reachable through the public models {@code to-openai},
 * {@code to-responses}, {@code to-anthropic}, {@code to-gemini}, {@code to-azure}, {@code to-vertex-gemini}, {@code to-vertex-claude}, {@code to-bedrock},
 * {@code to-claude-bedrock} (Claude on Bedrock through InvokeModel),
 * {@code to-cohere} and {@code to-ollama}. Each client SDK's test class runs its scenarios against all of them.
 */
final class DialectMatrix implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    /** The upstream dialects, with the public model that reaches each and how to read what it received. */
    enum Upstream {
        OPENAI("to-openai"),
        ANTHROPIC("to-anthropic"),
        GEMINI("to-gemini"),
        RESPONSES("to-responses"),
        /** Azure OpenAI (a deployment, Entra ID tokens): Chat Completions bodies on Azure's paths. */
        AZURE("to-azure"),
        /** AWS Bedrock Converse, SigV4-signed with the mock's test credentials (the mock verifies the signature). */
        BEDROCK("to-bedrock"),
        COHERE("to-cohere"),
        OLLAMA("to-ollama"),
        /** Gemini on Google Vertex AI: the Gemini wire under a service account's OAuth2 token. */
        VERTEX_GEMINI("to-vertex-gemini"),
        /** Claude on Google Vertex AI: Anthropic's wire through {@code rawPredict}, under the same token. */
        VERTEX_CLAUDE("to-vertex-claude"),
        /** Claude on AWS Bedrock through InvokeModel: Anthropic bodies, SigV4-signed, chunk-framed streams. */
        CLAUDE_BEDROCK("to-claude-bedrock");

        final String model;

        Upstream(String model) {
            this.model = model;
        }

        /**
         * Whether the upstream signs its reasoning, so that a client sees a signature on the thinking it is shown.
         * OpenAI hides its reasoning; Cohere ({@code tool_plan}, {@code thinking} items) and Ollama
         * ({@code thinking}) show it unsigned and take it back unchecked.
         */
        boolean signsReasoning() {
            return this == ANTHROPIC || this == GEMINI || this == RESPONSES || this == BEDROCK || this == VERTEX_GEMINI
                    || this == VERTEX_CLAUDE;
        }

        /** Whether the upstream's image parts name their media type; Ollama's {@code images} are bare base64. */
        boolean namesImageTypes() {
            return this != OLLAMA;
        }

        /** Whether the upstream speaks Chat Completions (OpenAI's, or Azure's). */
        boolean chatCompletions() {
            return this == OPENAI || this == AZURE;
        }

        /** The last user-visible tool result in the upstream's request: {@code [call name or id, result text]}. */
        String[] toolResult(JsonNode body) {
            return switch (this) {
                case OPENAI, AZURE -> {
                    JsonNode messages = body.path("messages");
                    JsonNode tool = messages.get(messages.size() - 1);
                    assertThat(tool.path("role").asString()).isEqualTo("tool");
                    JsonNode call = messages.get(messages.size() - 2).path("tool_calls").get(0);
                    assertThat(tool.path("tool_call_id").asString()).isEqualTo(call.path("id").asString());
                    yield new String[] {call.path("function").path("name").asString(), text(tool.get("content"))};
                }
                case ANTHROPIC, VERTEX_CLAUDE, CLAUDE_BEDROCK -> {
                    JsonNode messages = body.path("messages");
                    JsonNode result = messages.get(messages.size() - 1).path("content").get(0);
                    assertThat(result.path("type").asString()).isEqualTo("tool_result");
                    JsonNode use = null;
                    for (JsonNode block : messages.get(messages.size() - 2).path("content")) {
                        if (block.path("type").asString().equals("tool_use")) {
                            use = block;
                        }
                    }
                    assertThat(use).as("the assistant turn's tool_use block").isNotNull();
                    assertThat(result.path("tool_use_id").asString()).isEqualTo(use.path("id").asString());
                    yield new String[] {use.path("name").asString(), text(result.get("content"))};
                }
                case RESPONSES -> {
                    JsonNode input = body.path("input");
                    JsonNode output = input.get(input.size() - 1);
                    assertThat(output.path("type").asString()).isEqualTo("function_call_output");
                    JsonNode call = null;
                    for (JsonNode item : input) {
                        if (item.path("type").asString().equals("function_call")) {
                            call = item;
                        }
                    }
                    assertThat(call).as("the function_call item before the output").isNotNull();
                    assertThat(output.path("call_id").asString()).isEqualTo(call.path("call_id").asString());
                    yield new String[] {call.path("name").asString(), text(output.get("output"))};
                }
                case BEDROCK -> {
                    JsonNode messages = body.path("messages");
                    JsonNode result = messages.get(messages.size() - 1).path("content").get(0).path("toolResult");
                    JsonNode use = null;
                    for (JsonNode block : messages.get(messages.size() - 2).path("content")) {
                        if (block.has("toolUse")) {
                            use = block.get("toolUse");
                        }
                    }
                    assertThat(use).as("the assistant turn's toolUse block").isNotNull();
                    assertThat(result.path("toolUseId").asString()).isEqualTo(use.path("toolUseId").asString());
                    StringBuilder content = new StringBuilder();
                    result.path("content").forEach(c -> content.append(c.has("json") ? c.get("json").toString()
                            : c.path("text").asString("")));
                    yield new String[] {use.path("name").asString(), content.toString()};
                }
                case COHERE -> {
                    JsonNode messages = body.path("messages");
                    JsonNode tool = messages.get(messages.size() - 1);
                    assertThat(tool.path("role").asString()).isEqualTo("tool");
                    JsonNode call = messages.get(messages.size() - 2).path("tool_calls").get(0);
                    assertThat(tool.path("tool_call_id").asString()).isEqualTo(call.path("id").asString());
                    yield new String[] {call.path("function").path("name").asString(),
                            tool.path("content").get(0).path("document").path("data").asString()};
                }
                case OLLAMA -> {
                    JsonNode messages = body.path("messages");
                    JsonNode tool = messages.get(messages.size() - 1);
                    assertThat(tool.path("role").asString()).isEqualTo("tool");
                    assertThat(messages.get(messages.size() - 2).path("tool_calls").get(0).path("function")
                            .path("arguments").isObject()).as("Ollama takes arguments as objects").isTrue();
                    yield new String[] {tool.path("tool_name").asString(), tool.path("content").asString()};
                }
                case GEMINI, VERTEX_GEMINI -> {
                    JsonNode contents = body.path("contents");
                    JsonNode response = contents.get(contents.size() - 1).path("parts").get(0)
                            .path("functionResponse");
                    yield new String[] {response.path("name").asString(), response.path("response").toString()};
                }
            };
        }

        /**
         * How the upstream's request spells an image's type: a media type everywhere but in Converse, which names
         * only the format ({@code "format":"png"}).
         */
        String imageType(String mediaType) {
            return this == BEDROCK ? "\"format\":\"" + mediaType.substring(mediaType.indexOf('/') + 1) + "\""
                    : mediaType;
        }

        private static String text(JsonNode content) {
            if (content == null) {
                return "";
            }
            if (content.isString()) {
                return content.asString();
            }
            StringBuilder sb = new StringBuilder();
            content.forEach(part -> sb.append(part.path("text").asString("")));
            return sb.toString();
        }
    }

    /** The tool every tool scenario offers and the call the mock makes. */
    static final ToolCall WEATHER_CALL = new ToolCall("call_weather_1", "get_weather", "{\"city\":\"Paris\"}");

    /** A 1×1 transparent PNG. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private final String server;
    private final String extraRoutes;
    private MockUpstream upstream;
    private Gateway gateway;

    /** The matrix with the default server settings and only the three {@code to-…} routes. */
    DialectMatrix() {
        this("", "");
    }

    /**
     * @param server a {@code server:} line to use instead of the default one, or empty
     * @param extraRoutes more routes, one {@code name: {steps: …}} per line, added to the three {@code to-…} ones
     */
    DialectMatrix(String server, String extraRoutes) {
        this.server = server;
        this.extraRoutes = extraRoutes;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        upstream = MockUpstream.start();
        TestServiceAccount account = TestServiceAccount.create(upstream, tempDirectory());
        String vertex = "{type: vertex, project: mock-project, location: us-central1, credentials_file: '%s', base_url: %s}"
                .formatted(account.file(), upstream.rootUrl());
        String yaml = server + (server.isEmpty() ? "" : "\n") + """
                keys: [{name: tests, key: %s}]
                providers:
                  openai-responses: {dialect: openai-responses, base_url: %s, api_key: sk-upstream-responses-0123456789}
                  azure:
                    base_url: %s
                    platform: {type: azure, tenant_id: contoso, client_id: junction-tests,
                               client_secret: entra-secret-0123456789, authority_url: %s}
                  vertex-gemini: {dialect: gemini, platform: %s}
                  vertex-claude: {dialect: anthropic, platform: %s}
                  bedrock: {dialect: bedrock-converse, base_url: %s, platform: {type: bedrock, region: us-east-1,
                            access_key_id: %s, secret_access_key: "%s"}}
                  cohere: {dialect: cohere, base_url: %s, api_key: co-upstream-cohere-0123456789}
                  ollama-native: {dialect: ollama, base_url: %s}
                  claude-bedrock: {dialect: anthropic, base_url: %s, platform: {type: bedrock, region: us-west-2,
                                   access_key_id: %s, secret_access_key: "%s"}}
                routes:
                  to-openai: {steps: [{provider: openai, model: gpt-4o}]}
                  to-anthropic: {steps: [{provider: anthropic, model: claude-sonnet-4-5}]}
                  to-gemini: {steps: [{provider: gemini, model: gemini-2.5-flash}]}
                  to-responses: {steps: [{provider: openai-responses, model: gpt-5}]}
                  to-azure: {steps: [{provider: azure, model: gpt-4o-deployment}]}
                  to-vertex-gemini: {steps: [{provider: vertex-gemini, model: gemini-2.5-flash}]}
                  to-vertex-claude: {steps: [{provider: vertex-claude, model: claude-sonnet-4-5}]}
                  to-bedrock: {steps: [{provider: bedrock, model: "us.anthropic.claude-sonnet-4-20250514-v1:0"}]}
                  to-cohere: {steps: [{provider: cohere, model: command-a-03-2025}]}
                  to-ollama: {steps: [{provider: ollama-native, model: llama3.2}]}
                  to-claude-bedrock: {steps: [{provider: claude-bedrock, model: "global.anthropic.claude-sonnet-4-5-20250929-v1:0"}]}
                """.formatted(Gateway.KEY, upstream.baseUrl(), upstream.azureBaseUrl(), upstream.entraAuthorityUrl(),
                vertex, vertex, upstream.bedrockBaseUrl(), MockUpstream.AWS_ACCESS_KEY_ID,
                MockUpstream.AWS_SECRET_ACCESS_KEY, upstream.rootUrl(), upstream.rootUrl(), upstream.bedrockBaseUrl(),
                MockUpstream.AWS_ACCESS_KEY_ID, MockUpstream.AWS_SECRET_ACCESS_KEY)
                + extraRoutes.lines().map(l -> "  " + l.strip() + "\n")
                .collect(java.util.stream.Collectors.joining());
        gateway = Gateway.start(yaml, Map.of(
                "OPENAI_BASE_URL", upstream.baseUrl(), "OPENAI_API_KEY", "sk-upstream-openai-0123456789",
                "ANTHROPIC_BASE_URL", upstream.baseUrl(), "ANTHROPIC_API_KEY", "sk-ant-upstream-0123456789",
                "GEMINI_BASE_URL", upstream.geminiBaseUrl(), "GEMINI_API_KEY", "AIza-upstream-0123456789"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        upstream.reset();
        gateway.server().health().resetAll(); // each test starts with healthy deployments
    }

    @Override
    public void afterAll(ExtensionContext context) {
        gateway.close();
        upstream.close();
    }

    private static java.nio.file.Path tempDirectory() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("junction-vertex");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    MockUpstream upstream() {
        return upstream;
    }

    Gateway gateway() {
        return gateway;
    }

    /** The last request the upstream received. */
    RecordedRequest last() {
        return upstream.lastRequest().orElseThrow();
    }
}
