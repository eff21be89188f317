package dev.junction.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.entity.Attribution;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A fallback is a request whose attempts reached more than one deployment. */
class FallbacksTest {

    private static boolean fellBack(String attempts) {
        return Fallbacks.fellBack(new LoggedRequest("r", Instant.EPOCH, new Attribution("k", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()), "/v1/chat/completions", "m", "p", "d", "u",
                false, false, 200, 1, 1, new Usage(0, 0, 0, 0, 0), new Costs(0, 0, 0), attempts, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void onlyAttemptsOnTwoDeploymentsAreAFallback() {
        assertThat(fellBack("")).isFalse();
        assertThat(fellBack("openai/gpt-4o=200@120ms")).isFalse();
        assertThat(fellBack("openai/gpt-4o=429:rate_limited@3ms,openai/gpt-4o=200@120ms")).isFalse();
        assertThat(fellBack("openai/gpt-4o=503:unavailable@3ms,azure/gpt-4o=200@140ms")).isTrue();
        assertThat(fellBack("a=502:upstream_error@9ms,a=502:upstream_error@9ms,b=200@50ms")).isTrue();
    }
}
