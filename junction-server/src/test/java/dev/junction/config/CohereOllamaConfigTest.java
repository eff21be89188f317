package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Dialect;
import dev.junction.provider.AuthStyle;
import dev.junction.provider.ProviderCatalog;
import dev.junction.provider.ProviderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Cohere and Ollama examples of {@code docs/providers.md} are valid configurations, read as documented. */
class CohereOllamaConfigTest {

    private static final Path PROVIDERS_DOC = Path.of("..", "docs", "providers.md");

    /** The first YAML block under a {@code ## heading} of the providers doc. */
    private static String example(String heading) throws IOException {
        String doc = Files.readString(PROVIDERS_DOC);
        int section = doc.indexOf("\n## " + heading + "\n");
        assertThat(section).as("section " + heading).isPositive();
        int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
        return doc.substring(start, doc.indexOf("```", start));
    }

    private static GatewayConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(ProviderCatalog.bundled(), env).loadYaml(yaml, "providers.md");
    }

    @Test
    void theCohereExampleSelectsTheNativeDialectWithABearerKey() throws IOException {
        GatewayConfig config = load(example("Cohere"), Map.of("COHERE_API_KEY", "co-test-0123456789"));

        ProviderConfig cohere = config.providers().get("cohere");
        assertThat(cohere.dialect()).isEqualTo(Dialect.COHERE);
        assertThat(cohere.auth()).isEqualTo(new AuthStyle.Bearer());
        assertThat(cohere.baseUrl()).isEqualTo("https://api.cohere.com");
        assertThat(cohere.apiKey()).isPresent();
        assertThat(config.routes()).containsKeys("chat", "embed");
    }

    @Test
    void theOllamaExampleSelectsTheNativeDialectWithoutAuthAndADefaultKeepAlive() throws IOException {
        GatewayConfig config = load(example("Ollama"), Map.of("OPENAI_API_KEY", "sk-test-0123456789"));

        ProviderConfig ollama = config.providers().get("ollama-native");
        assertThat(ollama.dialect()).isEqualTo(Dialect.OLLAMA);
        assertThat(ollama.auth()).isEqualTo(new AuthStyle.None());
        assertThat(ollama.params().defaults().path("keep_alive").asString()).isEqualTo("30m");
        assertThat(config.routes()).containsKeys("local", "local-embed");
    }

    @Test
    void aProviderBlockWithoutAPresetTakesEachNativeDialectsAuth() {
        GatewayConfig config = load("""
                providers:
                  my-cohere: {dialect: cohere, base_url: "https://cohere.internal", api_key: co-0123456789abcdef}
                  my-ollama: {dialect: ollama, base_url: "http://gpu-box:11434"}
                """, Map.of());

        assertThat(config.providers().get("my-cohere").auth()).isEqualTo(new AuthStyle.Bearer());
        assertThat(config.providers().get("my-ollama").auth()).isEqualTo(new AuthStyle.None());
    }
}
