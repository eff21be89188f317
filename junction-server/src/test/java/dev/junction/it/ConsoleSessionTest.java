package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The console's sign-in over HTTP: an admin key exchanged for a session cookie with the right attributes, the admin
 * API reached with the cookie, writes refused without the session's CSRF token, sign-out, and the admin key still
 * working as a bearer key beside it.
 */
class ConsoleSessionTest {

    private static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(AdminHttp.CONFIG, Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> signIn(String key, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "content-type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return gateway.request("POST", "/api/admin/session", "{\"key\":\"" + key + "\"}", all);
    }

    private static JsonNode json(String text) {
        return Json.tryParse(text).orElseThrow(() -> new AssertionError("not JSON: " + text));
    }

    private static String token(HttpResponse<String> signedIn) {
        String cookie = signedIn.headers().firstValue("set-cookie").orElseThrow();
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    @Test
    void anAdminKeyBecomesAnHttpOnlyStrictCookieScopedToTheAdminApi() {
        HttpResponse<String> answer = signIn(AdminHttp.KEY);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        String cookie = answer.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie).startsWith("junction_session=").containsIgnoringCase("; HttpOnly")
                .contains("SameSite=Strict").contains("Path=/api/admin").doesNotContainIgnoringCase("secure")
                .doesNotContain("Max-Age").doesNotContain(AdminHttp.KEY);
        JsonNode body = json(answer.body());
        assertThat(body.path("actor").asString()).isEqualTo("ops");
        assertThat(body.path("csrf_token").asString()).hasSizeGreaterThan(20);
        assertThat(body.path("idle_timeout_seconds").asLong()).isEqualTo(1800);
        assertThat(answer.body()).doesNotContain(token(answer)).doesNotContain(AdminHttp.KEY);
    }

    @Test
    void behindTlsTheCookieIsSecure() {
        HttpResponse<String> answer = signIn(AdminHttp.KEY, "x-forwarded-proto", "https");

        assertThat(answer.headers().firstValue("set-cookie").orElseThrow()).containsIgnoringCase("; Secure");
    }

    @Test
    void aWrongKeyIsRefusedInTheAdminErrorShape() {
        HttpResponse<String> wrong = signIn("not-an-admin-key");
        HttpResponse<String> noKey = gateway.request("POST", "/api/admin/session", "{}");
        HttpResponse<String> extra = gateway.request("POST", "/api/admin/session",
                "{\"key\":\"" + AdminHttp.KEY + "\",\"remember\":true}");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong.body()).at("/error/type").asString()).isEqualTo("unauthorized");
        assertThat(wrong.headers().firstValue("set-cookie")).isEmpty();
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(json(noKey.body()).at("/error/message").asString()).contains("key");
        assertThat(extra.statusCode()).isEqualTo(400);
        assertThat(json(extra.body()).at("/error/message").asString()).contains("remember");
    }

    @Test
    void theCookieReadsTheApiAndWritesNeedTheCsrfToken() {
        HttpResponse<String> signedIn = signIn(AdminHttp.KEY);
        String cookie = "junction_session=" + token(signedIn);
        String csrf = json(signedIn.body()).path("csrf_token").asString();

        HttpResponse<String> read = gateway.get("/api/admin/tenants", "cookie", cookie);
        HttpResponse<String> forged = gateway.request("POST", "/api/admin/tenants", "{\"name\":\"forged\"}",
                "cookie", cookie);
        HttpResponse<String> wrongToken = gateway.request("POST", "/api/admin/tenants", "{\"name\":\"forged\"}",
                "cookie", cookie, "x-csrf-token", csrf + "x");
        HttpResponse<String> write = gateway.request("POST", "/api/admin/tenants", "{\"name\":\"by-session\"}",
                "cookie", cookie, "x-csrf-token", csrf);
        HttpResponse<String> current = gateway.get("/api/admin/session", "cookie", cookie);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(json(forged.body()).at("/error/type").asString()).isEqualTo("csrf_failed");
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(write.statusCode()).as(write.body()).isEqualTo(201);
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(json(current.body()).path("csrf_token").asString()).isEqualTo(csrf);
        HttpResponse<String> audit = gateway.get("/api/admin/audit?limit=5", "cookie", cookie);
        assertThat(audit.body()).contains("by-session").contains("\"actor\":\"ops\"");
        assertThat(new AdminHttp(gateway).get("/api/admin/tenants").text()).doesNotContain("forged");
    }

    @Test
    void afterSignOutTheCookieIsWorthless() {
        HttpResponse<String> signedIn = signIn(AdminHttp.KEY);
        String cookie = "junction_session=" + token(signedIn);

        HttpResponse<String> out = gateway.request("DELETE", "/api/admin/session", null, "cookie", cookie);
        HttpResponse<String> after = gateway.get("/api/admin/tenants", "cookie", cookie);
        HttpResponse<String> current = gateway.get("/api/admin/session", "cookie", cookie);

        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("set-cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(json(after.body()).at("/error/type").asString()).isEqualTo("session_expired");
        assertThat(current.statusCode()).isEqualTo(401);
    }

    @Test
    void aBearerKeyWinsOverACookieAndAForgedCookieGetsNothing() {
        HttpResponse<String> forged = gateway.get("/api/admin/tenants", "cookie",
                "junction_session=" + "A".repeat(43));
        HttpResponse<String> bearer = gateway.get("/api/admin/tenants", "cookie", "junction_session=nonsense",
                "authorization", "Bearer " + AdminHttp.KEY);
        HttpResponse<String> wrongBearer = gateway.get("/api/admin/tenants", "cookie",
                "junction_session=" + token(signIn(AdminHttp.KEY)), "authorization", "Bearer wrong");

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(wrongBearer.statusCode()).as("a wrong bearer key is not rescued by a good cookie").isEqualTo(401);
    }

    @Test
    void theLiveEventStreamTakesTheCookie() throws Exception {
        String cookie = "junction_session=" + token(signIn(AdminHttp.KEY));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.baseUrl()
                + "/api/admin/events")).header("cookie", cookie).GET().build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        try (var body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        }
    }
}
