package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.provider.ProviderCatalog;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code console:} section: defaults, every key, and what is refused. */
class ConsoleSettingsTest {

    private static ConsoleSettings load(String yaml) {
        return new ConfigLoader(ProviderCatalog.bundled(), Map.of()).loadYaml(yaml, "test.yaml").console();
    }

    @Test
    void nothingSaidMeansOnWithHalfAnHourIdleAndTwelveHoursAtMost() {
        assertThat(load("keys: []\n")).isEqualTo(new ConsoleSettings(true, Duration.ofMinutes(30),
                Duration.ofHours(12)));
    }

    @Test
    void everyKeyIsRead() {
        assertThat(load("console: {enabled: false, session_idle_timeout: 10m, session_max_age: 8h}\n"))
                .isEqualTo(new ConsoleSettings(false, Duration.ofMinutes(10), Duration.ofHours(8)));
    }

    @Test
    void unknownKeysBadDurationsAndAnIdleTimeoutLongerThanTheMaximumAreRefused() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(
                "console: {enabled: yes-please, session_idle_timeout: 2d, session_max_age: 1h, theme: dark}\n"));

        assertThat(String.join("\n", e.problems())).contains("console.enabled").contains("console.theme")
                .contains("console.session_idle_timeout: must not be longer than session_max_age");
        ConfigException bad = catchThrowableOfType(ConfigException.class, () -> load(
                "console: {session_max_age: forever}\n"));
        assertThat(String.join("\n", bad.problems())).contains("console.session_max_age");
    }
}
