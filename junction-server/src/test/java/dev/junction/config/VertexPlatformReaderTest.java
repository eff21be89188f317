package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.Main;
import dev.junction.dialect.vertex.VertexCredentials;
import dev.junction.dialect.vertex.VertexPlatform;
import dev.junction.provider.ProviderCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VertexPlatformReaderTest {

    /** The example of {@code docs/providers.md}, "Google Vertex AI", with its key file's path filled in. */
    private static final String DOCS_EXAMPLE = """
            providers:
              vertex-gemini:
                dialect: gemini
                models: [gemini-2.5-pro, gemini-2.5-flash, text-embedding-005, gemini-embedding-001]
                platform:
                  type: vertex
                  project: ${GOOGLE_CLOUD_PROJECT}
                  location: global
                  credentials_file: ${GOOGLE_APPLICATION_CREDENTIALS}
              vertex-claude:
                dialect: anthropic
                models: [claude-sonnet-4-5@20250929, claude-haiku-4-5@20251001]
                platform:
                  type: vertex
                  project: ${GOOGLE_CLOUD_PROJECT}
                  location: us-east5   # no credentials_file: Application Default Credentials
            routes:
              gemini: {steps: [{provider: vertex-gemini, model: gemini-2.5-flash}]}
              claude: {steps: [{provider: vertex-claude, model: claude-sonnet-4-5@20250929}]}
            """;

    private static GatewayConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(ProviderCatalog.bundled(), env).loadYaml(yaml, "test.yaml");
    }

    private static ConfigException problems(String yaml) {
        try {
            load(yaml, Map.of());
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    @Test
    void theDocumentedExampleReadsAsTwoVertexProviders(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("sa.json"), "{}");

        GatewayConfig config = load(DOCS_EXAMPLE, Map.of("GOOGLE_CLOUD_PROJECT", "acme-prod",
                "GOOGLE_APPLICATION_CREDENTIALS", key.toString()));

        assertThat(config.providers().get("vertex-gemini").platform()).isEqualTo(new VertexPlatform("acme-prod",
                "global", new VertexCredentials.ServiceAccountFile(key), Optional.empty()));
        assertThat(config.providers().get("vertex-claude").platform()).isEqualTo(new VertexPlatform("acme-prod",
                "us-east5", new VertexCredentials.ApplicationDefault(), Optional.empty()));
    }

    @Test
    void theDocumentedExamplePassesCheckConfig(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("sa.json"), "{}");
        Path file = Files.writeString(dir.resolve("junction.yaml"), DOCS_EXAMPLE
                .replace("${GOOGLE_CLOUD_PROJECT}", "acme-prod")
                .replace("${GOOGLE_APPLICATION_CREDENTIALS}", key.toString()));
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));

        assertThat(cli.execute("check-config", file.toString())).isZero();
        assertThat(out.toString()).contains("is valid");
    }

    @Test
    void anInlineKeyIsKeptAsASecret() {
        GatewayConfig config = load("""
                providers:
                  v: {dialect: gemini, platform: {type: vertex, project: p-1, location: global,
                      credentials_json: '{"type":"service_account"}'}}
                """, Map.of());

        VertexPlatform platform = (VertexPlatform) config.providers().get("v").platform();
        assertThat(platform.credentials()).isInstanceOf(VertexCredentials.ServiceAccountJson.class);
        assertThat(platform.toString()).doesNotContain("service_account");
    }

    @Test
    void everyMistakeInTheBlockIsAProblemOfItsOwn() {
        ConfigException e = problems("""
                providers:
                  a: {dialect: gemini, platform: {type: vertex, location: global}}
                  b: {dialect: anthropic, platform: {type: vertex, project: "Bad Project", location: "us central"}}
                  c: {dialect: openai, platform: {type: vertex, project: p-1, location: global}}
                  d: {dialect: gemini, platform: {type: vertex, project: p-1, location: global,
                      credentials_file: /nonexistent/sa.json, region: x}}
                  e: {dialect: gemini, platform: {type: vertex, project: p-1, location: global,
                      credentials_file: /tmp/x.json, credentials_json: "{}"}}
                """);

        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).contains("providers.a.platform.project", "required"))
                .anySatisfy(p -> assertThat(p).contains("providers.b.platform.project", "Bad Project"))
                .anySatisfy(p -> assertThat(p).contains("providers.b.platform.location", "us central"))
                .anySatisfy(p -> assertThat(p).contains("providers.c.platform.type", "gemini and anthropic"))
                .anySatisfy(p -> assertThat(p).contains("providers.d.platform.credentials_file", "cannot read"))
                .anySatisfy(p -> assertThat(p).contains("providers.d.platform.region", "unknown key"))
                .anySatisfy(p -> assertThat(p).contains("providers.e.platform", "not both"));
    }
}
