package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.provider.KeyPool;
import dev.junction.provider.KeyPool.PooledKey;
import dev.junction.provider.ProviderCatalog;
import dev.junction.provider.ProviderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code api_keys} and {@code key_pool}: the documented example, and the mistakes an operator can make. */
class KeyPoolConfigTest {

    private static GatewayConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(ProviderCatalog.bundled(), env).loadYaml(yaml, "test.yaml");
    }

    private static String documentedExample() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "providers.md"));
        int section = doc.indexOf("\n## Key pools\n");
        int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
        return doc.substring(start, doc.indexOf("```", start));
    }

    @Test
    void theDocumentedPoolIsReadWithNamesWeightsAndDurations() throws IOException {
        ProviderConfig openai = load(documentedExample(), Map.of("OPENAI_KEY_PRIMARY", "sk-primary-0123456789",
                "OPENAI_KEY_BATCH", "sk-batch-0123456789")).providers().get("openai");

        KeyPool pool = openai.keys();
        assertThat(pool.keys()).extracting(PooledKey::name).containsExactly("key-1", "batch");
        assertThat(pool.keys()).extracting(PooledKey::weight).containsExactly(1, 3);
        assertThat(pool.keys().get(1).secret().reveal()).isEqualTo("sk-batch-0123456789");
        assertThat(pool.restFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(pool.disableFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(openai.apiKey().orElseThrow().reveal()).isEqualTo("sk-primary-0123456789");
    }

    @Test
    void aPoolIsNotBothApiKeyAndApiKeys() {
        assertThatThrownBy(() -> load("""
                providers:
                  openai: {api_key: sk-one-0123456789, api_keys: [sk-two-0123456789]}
                """, Map.of())).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).contains("either api_key or api_keys")));
    }

    @Test
    void repeatedKeysAndBadEntriesAreNamedWithoutShowingTheKey() {
        assertThatThrownBy(() -> load("""
                providers:
                  openai:
                    api_keys:
                      - sk-same-0123456789
                      - {key: sk-same-0123456789, name: again}
                      - {key: sk-other-0123456789, weight: 0}
                      - {weight: 2}
                    key_pool: {rest_for: soon}
                """, Map.of())).isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'again' is listed twice"))
                            .anySatisfy(p -> assertThat(p).contains("api_keys[2]").contains("weight"))
                            .anySatisfy(p -> assertThat(p).contains("api_keys[3]").contains("key: required"))
                            .anySatisfy(p -> assertThat(p).contains("key_pool.rest_for"));
                    assertThat(String.join("\n", e.problems())).doesNotContain("sk-same", "sk-other");
                });
    }

    @Test
    void aStoredProviderCanCarryAPool() {
        Problems problems = new Problems();
        var provider = new ConfigLoader(ProviderCatalog.bundled(), Map.of()).storedProvider("mine",
                tools.jackson.databind.json.JsonMapper.builder().build().readTree(
                        "{\"base_url\": \"https://x.example/v1\", \"api_keys\": [\"sk-a-0123456789\","
                                + " {\"key\": \"sk-b-0123456789\", \"name\": \"b\", \"weight\": 2}]}"),
                java.util.Optional.empty(), dev.junction.provider.Timeouts.DEFAULTS, Map.of(), problems);

        assertThat(problems.list()).isEmpty();
        assertThat(provider.orElseThrow().keys().keys()).extracting(k -> k.name() + ":" + k.weight())
                .containsExactly("key-1:1", "b:2");
    }
}
