package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.provider.ProviderCatalog;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code metrics:} section: defaults, every key, the token from the environment, and what is refused. */
class MetricsSettingsTest {

    private static MetricsSettings load(String yaml, Map<String, String> env) {
        return new ConfigLoader(ProviderCatalog.bundled(), env).loadYaml(yaml, "test.yaml").observability()
                .metrics();
    }

    @Test
    void nothingSaidMeansEnabledOnTheGatewayPortWithoutKeyNames() {
        MetricsSettings settings = load("keys: []\n", Map.of());

        assertThat(settings).isEqualTo(MetricsSettings.DEFAULT);
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.token()).isEmpty();
        assertThat(settings.port()).isEmpty();
        assertThat(settings.keyNames()).isFalse();
    }

    @Test
    void everyKeyIsRead() {
        MetricsSettings settings = load("metrics: {enabled: false, token: tok-123, port: 9464, key_names: true}\n",
                Map.of());

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.token()).get().satisfies(t -> assertThat(t.reveal()).isEqualTo("tok-123"));
        assertThat(settings.token().get().toString()).doesNotContain("tok-123");
        assertThat(settings.port()).isEqualTo(Optional.of(9464));
        assertThat(settings.keyNames()).isTrue();
    }

    @Test
    void theTokenComesFromTheEnvironmentUnlessTheFileSetsIt() {
        assertThat(load("keys: []\n", Map.of("JUNCTION_METRICS_TOKEN", "from-env")).token().get().reveal())
                .isEqualTo("from-env");
        assertThat(load("metrics: {token: from-file}\n", Map.of("JUNCTION_METRICS_TOKEN", "from-env")).token()
                .get().reveal()).isEqualTo("from-file");
    }

    @Test
    void unknownKeysWrongTypesAndBadPortsAreProblems() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> load("metrics: {enabled: maybe, port: 70000, colour: blue}\n", Map.of()));

        assertThat(String.join("\n", e.problems())).contains("metrics.enabled", "metrics.port", "colour");
    }
}
