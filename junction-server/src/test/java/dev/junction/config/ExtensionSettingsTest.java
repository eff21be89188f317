package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.extension.FailureMode;
import dev.junction.provider.ProviderCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code extensions:} section: enabled plugins, their settings and overrides, and every problem with its path. */
class ExtensionSettingsTest {

    private static ExtensionSettings load(String yaml) {
        return new ConfigLoader(ProviderCatalog.bundled(), Map.of()).loadYaml(yaml, "test.yaml").extensions();
    }

    private static List<String> problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> load(yaml)).problems();
    }

    @Test
    void nothingSaidMeansNoExtensions() {
        assertThat(load("keys: []\n")).isEqualTo(ExtensionSettings.NONE);
        assertThat(ExtensionSettings.NONE.any()).isFalse();
    }

    @Test
    void aPluginIsReadWithItsOverridesAndSettings() {
        ExtensionSettings settings = load("""
                extensions:
                  directory: /opt/junction/plugins
                  disable_after: 3
                  plugins:
                    audit:
                      order: 5
                      timeout: 250ms
                      failure_mode: fail-closed
                      bodies: true
                      settings: {path: /var/log/audit.jsonl, fields: [model, status]}
                    later: {enabled: false}
                """);

        assertThat(settings.directory()).isEqualTo(Path.of("/opt/junction/plugins"));
        assertThat(settings.disableAfter()).isEqualTo(3);
        ExtensionSettings.Plugin audit = settings.plugins().get("audit");
        assertThat(audit.enabled()).isTrue();
        assertThat(audit.order()).contains(5);
        assertThat(audit.timeout()).contains(Duration.ofMillis(250));
        assertThat(audit.failureMode()).contains(FailureMode.FAIL_CLOSED);
        assertThat(audit.bodies()).isTrue();
        assertThat(audit.settings().get("path").asString()).isEqualTo("/var/log/audit.jsonl");
        assertThat(audit.settings().get("fields")).hasSize(2);
        assertThat(settings.plugins().get("later").enabled()).isFalse();
        assertThat(settings.any()).isTrue();
    }

    @Test
    void aPluginNamedAloneIsEnabledWithTheManifestsDefaults() {
        ExtensionSettings.Plugin plugin = load("extensions: {plugins: {audit: }}\n").plugins().get("audit");

        assertThat(plugin.enabled()).isTrue();
        assertThat(plugin.order()).isEmpty();
        assertThat(plugin.failureMode()).isEqualTo(Optional.empty());
        assertThat(plugin.settings().isEmpty()).isTrue();
    }

    @Test
    void badValuesAreReportedWithTheirPath() {
        assertThat(problems("""
                extensions:
                  disable_after: 0
                  plugins:
                    audit: {failure_mode: sometimes, timeout: soon, settings: [1], colour: red}
                """)).anySatisfy(p -> assertThat(p).startsWith("extensions.disable_after"))
                .anySatisfy(p -> assertThat(p).contains("extensions.plugins.audit.failure_mode")
                        .contains("fail-open or fail-closed"))
                .anySatisfy(p -> assertThat(p).startsWith("extensions.plugins.audit.timeout"))
                .anySatisfy(p -> assertThat(p).startsWith("extensions.plugins.audit.settings: expected a mapping"))
                .anySatisfy(p -> assertThat(p).startsWith("extensions.plugins.audit.colour: unknown key"));
    }
}
