package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.provider.ProviderCatalog;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheReaderTest {

    private static GatewayConfig load(String yaml) {
        return new ConfigLoader(ProviderCatalog.bundled(), Map.of()).loadYaml(yaml, "test.yaml");
    }

    @Test
    void aReplayPaceIsReadPerRouteAndPerKeyAndZeroMeansAtOnce() {
        CacheSettings cache = load("""
                cache:
                  replay_pace: 20ms
                  routes: {slow: {replay_pace: 1s}, fast: {replay_pace: 0}}
                  keys: {batch: {replay_pace: 5ms}}
                """).cache();

        assertThat(CacheSettings.Policy.DEFAULT.replayPace()).isZero();
        assertThat(cache.policy("other", "-").replayPace()).isEqualTo(Duration.ofMillis(20));
        assertThat(cache.policy("slow", "-").replayPace()).isEqualTo(Duration.ofSeconds(1));
        assertThat(cache.policy("fast", "-").replayPace()).isZero();
        assertThat(cache.policy("slow", "batch").replayPace()).as("the key wins").isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void aReplayPaceAboveASecondOrWithoutAUnitIsRefusedWithItsPath() {
        assertThatThrownBy(() -> load("cache: {routes: {r: {replay_pace: 2s}}, replay_pace: fast}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(
                        "cache.routes.r.replay_pace: at most 1s between words, got 2s",
                        "cache.replay_pace: expected a positive duration with a unit (500ms, 30s, 2m, 1h), got 'fast'"));
    }
}
