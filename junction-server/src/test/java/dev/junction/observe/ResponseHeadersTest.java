package dev.junction.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {

    @Test
    void keepsOnlyTheGatewaysOwnAndRateLimitHeadersLowerCasedAndBounded() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/json").add("Set-Cookie", "s=secret")
                .add("X-Request-Id", "req_1").add("x-junction-attempts", "a=200@1ms")
                .add("x-ratelimit-remaining-requests", "9").add("Retry-After", "3")
                .add("x-junction-long", "v".repeat(2000)).add("authorization", "Bearer sk-secret");

        Map<String, String> kept = ResponseHeaders.select(headers);

        assertThat(kept.keySet()).containsExactly("x-request-id", "x-junction-attempts",
                "x-ratelimit-remaining-requests", "retry-after", "x-junction-long");
        assertThat(kept.get("x-junction-long")).hasSize(ResponseHeaders.MAX_VALUE);
        assertThat(ResponseHeaders.fromJson(ResponseHeaders.toJson(kept))).containsExactlyEntriesOf(kept);
    }

    @Test
    void noKeptHeaderIsAnEmptyMapAndNoColumn() {
        Map<String, String> kept = ResponseHeaders.select(MultiMap.caseInsensitiveMultiMap().add("a", "b"));

        assertThat(kept).isEmpty();
        assertThat(ResponseHeaders.toJson(kept)).isEmpty();
        assertThat(ResponseHeaders.fromJson(Optional.of("not json"))).isEmpty();
    }
}
