package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failed sign-ins are counted per client address: guessing across many accounts is refused like one account's. */
class SignInThrottleTest {

    @Test
    void anAddressWithTwentyFailedSignInsIsRefusedEvenWithTheRightKey() {
        try (Gateway gateway = Gateway.start(AdminHttp.CONFIG, Map.of())) {
            for (int i = 0; i < 20; i++) {
                var wrong = gateway.post("/api/admin/session", "{\"email\":\"guess" + i + "@example.com\","
                        + "\"password\":\"not a password of anyone\"}", "content-type", "application/json");
                assertThat(wrong.statusCode()).isEqualTo(401);
            }

            var right = gateway.post("/api/admin/session", "{\"key\":\"" + AdminHttp.KEY + "\"}",
                    "content-type", "application/json");

            assertThat(right.statusCode()).isEqualTo(429);
            assertThat(right.headers().firstValue("retry-after")).isPresent();
            assertThat(new AdminHttp(gateway).get("/api/admin/me").status()).isEqualTo(200);
        }
    }
}
