package dev.junction.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    private static MultiMap headers(String... pairs) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.add(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void openAisGoDurationsAreRead() {
        assertThat(RateLimitHeaders.goDuration("1s")).contains(Duration.ofSeconds(1));
        assertThat(RateLimitHeaders.goDuration("6m0s")).contains(Duration.ofMinutes(6));
        assertThat(RateLimitHeaders.goDuration("20ms")).contains(Duration.ofMillis(20));
        assertThat(RateLimitHeaders.goDuration("1h2m3.5s")).contains(Duration.ofMillis(3_723_500));
        assertThat(RateLimitHeaders.goDuration("soon")).isEmpty();
    }

    @Test
    void exhaustedRequestsRestTheDeploymentUntilTheReset() {
        RateLimitHeaders limits = RateLimitHeaders.of(headers("x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", "2s", "x-ratelimit-remaining-tokens", "9000"));

        assertThat(limits.exhaustedFor()).contains(Duration.ofSeconds(2));
    }

    @Test
    void theLongerOfTwoExhaustedLimitsWins() {
        RateLimitHeaders limits = RateLimitHeaders.of(headers("x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", "2s", "x-ratelimit-remaining-tokens", "0",
                "x-ratelimit-reset-tokens", "7s"));

        assertThat(limits.exhaustedFor()).contains(Duration.ofSeconds(7));
    }

    @Test
    void anthropicsResetTimeIsReadAsAWait() {
        RateLimitHeaders limits = RateLimitHeaders.of(headers("anthropic-ratelimit-requests-remaining", "0",
                "anthropic-ratelimit-requests-reset", Instant.now().plusSeconds(30).toString()));

        assertThat(limits.exhaustedFor()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(28),
                Duration.ofSeconds(30)));
    }

    @Test
    void remainingCapacityOrNoHeadersRestNothing() {
        assertThat(RateLimitHeaders.of(headers("x-ratelimit-remaining-requests", "41")).exhaustedFor()).isEmpty();
        assertThat(RateLimitHeaders.of(headers())).isEqualTo(RateLimitHeaders.NONE);
    }
}
