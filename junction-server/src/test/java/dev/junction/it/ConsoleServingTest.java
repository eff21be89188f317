package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The gateway serves the console built into its jar at /console/, unless {@code console.enabled: false}. */
class ConsoleServingTest {

    @Test
    void theConsoleOfTheJarIsServedAndTheRootRedirectsToIt() {
        // A build with -Dconsole.skip=true has no console to serve (and skips the console's tests); CI builds it.
        Assumptions.assumeTrue("true".equalsIgnoreCase(System.getenv("CI"))
                || getClass().getClassLoader().getResource("dev/junction/console/index.html") != null,
                "the console's build is not on the class path (built with -Dconsole.skip=true)");
        try (Gateway gateway = Gateway.start(AdminHttp.CONFIG, Map.of())) {
            HttpResponse<String> root = gateway.get("/");
            HttpResponse<String> console = gateway.get("/console/");

            assertThat(root.statusCode()).isEqualTo(302);
            assertThat(root.headers().firstValue("location")).hasValue("/console/");
            assertThat(console.statusCode()).isEqualTo(200);
            assertThat(console.body()).contains("<div id=\"root\">").contains("/console/assets/");
            assertThat(console.body()).doesNotContain("http://").doesNotContain("https://");
        }
    }

    @Test
    void turnedOffThereIsNoConsoleAndTheAdminApiStillAnswers() {
        try (Gateway gateway = Gateway.start(AdminHttp.CONFIG + "console: {enabled: false}\n", Map.of())) {
            assertThat(gateway.get("/").statusCode()).isEqualTo(404);
            assertThat(gateway.get("/console/").statusCode()).isEqualTo(404);
            assertThat(new AdminHttp(gateway).get("/api/admin/tenants").status()).isEqualTo(200);
            assertThat(gateway.request("POST", "/api/admin/session", "{\"key\":\"" + AdminHttp.KEY + "\"}")
                    .statusCode()).as("the admin API's sessions stay: any client may use them").isEqualTo(201);
        }
    }
}
