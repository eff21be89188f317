package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.provider.ProviderCatalog;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The `analytics:` section: defaults, durations in days, `forever`, and what is refused. */
class AnalyticsReaderTest {

    private static AnalyticsSettings read(String yaml) {
        return new ConfigLoader(ProviderCatalog.bundled(), Map.of()).loadYaml(yaml, "test.yaml").observability()
                .analytics();
    }

    @Test
    void withoutTheSectionTheDefaultsApply() {
        assertThat(read("server: {port: 8080}\n")).isEqualTo(AnalyticsSettings.DEFAULT);
        assertThat(AnalyticsSettings.DEFAULT.requestLogRetention()).isEmpty();
        assertThat(AnalyticsSettings.DEFAULT.minuteRollupRetention()).contains(Duration.ofDays(7));
    }

    @Test
    void everySettingIsRead() {
        AnalyticsSettings s = read("""
                analytics:
                  request_log_retention: 14d
                  rollup_retention: {minute: 2d, hour: forever}
                  retention_interval: 10m
                  delete_batch_size: 200
                """);

        assertThat(s.requestLogRetention()).contains(Duration.ofDays(14));
        assertThat(s.minuteRollupRetention()).contains(Duration.ofDays(2));
        assertThat(s.hourRollupRetention()).isEqualTo(Optional.empty());
        assertThat(s.dayRollupRetention()).isEqualTo(AnalyticsSettings.DEFAULT.dayRollupRetention());
        assertThat(s.retentionInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.deleteBatchSize()).isEqualTo(200);
    }

    @Test
    void unknownKeysAndBadValuesAreProblems() {
        assertThatThrownBy(() -> read("""
                analytics:
                  request_log_retention: a month
                  rollup_retention: {week: 3d}
                  delete_batch_size: 0
                  colour: blue
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("analytics.request_log_retention")
                .hasMessageContaining("week: unknown key")
                .hasMessageContaining("delete_batch_size")
                .hasMessageContaining("colour: unknown key");
    }
}
