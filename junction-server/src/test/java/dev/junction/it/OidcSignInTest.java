package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Console single sign-on against a real OpenID Connect server (NAV's {@code mock-oauth2-server}): the browser's
 * round trip (start, the issuer's redirect, the callback) with PKCE and a signed state, a console user made just in
 * time with the role its group maps to, bindings refreshed at the next sign-in, and the refusals (no mapped group,
 * no e-mail, a forged state, just-in-time creation off).
 */
class OidcSignInTest {

    private static final String CLIENT_ID = "junction-console";
    private static final String CLIENT_SECRET = "oidc-client-secret-0123456789";
    private static MockOAuth2Server issuer;
    private static Gateway gateway;
    private static Gateway noJit;
    private static String north;
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @BeforeAll
    static void start() {
        issuer = new MockOAuth2Server();
        issuer.start();
        String sso = """
                sso:
                  oidc:
                    issuer: "%s"
                    client_id: %s
                    client_secret: ${OIDC_CLIENT_SECRET}
                    display_name: Corp
                    allow_jit: %s
                    role_mappings:
                      - {group: north-admins, role: tenant-admin, tenant: north-sso}
                      - {group: north-analysts, role: analyst, tenant: north-sso}
                      - {group: platform, role: owner}
                      - {group: ghosts, role: analyst, tenant: no-such-tenant}
                """;
        String url = issuer.issuerUrl("corp").toString();
        gateway = Gateway.start(AdminHttp.CONFIG + sso.formatted(url, CLIENT_ID, "true"),
                Map.of("OIDC_CLIENT_SECRET", CLIENT_SECRET));
        noJit = Gateway.start(AdminHttp.CONFIG + sso.formatted(url, CLIENT_ID, "false"),
                Map.of("OIDC_CLIENT_SECRET", CLIENT_SECRET));
        var made = new AdminHttp(gateway).post("/api/admin/tenants", "{\"name\":\"north-sso\"}");
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        north = made.body().path("id").asString();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        noJit.close();
        issuer.shutdown();
    }

    /** The issuer's next sign-in is this user, in these groups. */
    private static void nextUser(String subject, Map<String, Object> claims) {
        issuer.enqueueCallback(new DefaultOAuth2TokenCallback("corp", subject, "JWT", List.of(CLIENT_ID), claims,
                3600));
    }

    /** What the browser ends with after the whole round trip. */
    record Landing(HttpResponse<String> last, Optional<String> sessionCookie) {
    }

    private static Landing signIn(Gateway g) {
        HttpResponse<String> started = send(g.baseUrl() + "/api/admin/sso/oidc/start", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String stateCookie = cookie(started, "junction_sso").orElseThrow();
        URI authorize = URI.create(started.headers().firstValue("location").orElseThrow());
        assertThat(authorize.getQuery()).contains("code_challenge_method=S256").contains("nonce=")
                .contains("client_id=" + CLIENT_ID).doesNotContain(CLIENT_SECRET);
        HttpResponse<String> atIssuer = send(authorize.toString(), null);
        assertThat(atIssuer.statusCode()).as(atIssuer.body()).isEqualTo(302);
        String callback = atIssuer.headers().firstValue("location").orElseThrow();
        assertThat(callback).startsWith(g.baseUrl() + "/api/admin/sso/oidc/callback?");
        HttpResponse<String> back = send(callback, stateCookie);
        return new Landing(back, cookie(back, "junction_session").filter(c -> !c.endsWith("=")));
    }

    private static JsonNode session(Gateway g, String cookie) {
        return Json.tryParse(g.get("/api/admin/session", "cookie", cookie).body()).orElseThrow();
    }

    @Test
    void aMappedGroupSignsInAsANewConsoleUserWithItsRole() {
        nextUser("nora-sub", Map.of("email", "Nora@North.example", "name", "Nora North",
                "groups", List.of("north-admins", "unrelated")));

        Landing landing = signIn(gateway);

        assertThat(landing.last().statusCode()).as(landing.last().body()).isEqualTo(303);
        assertThat(landing.last().headers().firstValue("location")).contains("/console/");
        assertThat(landing.last().headers().allValues("set-cookie")).anyMatch(c -> c.startsWith("junction_session=")
                && c.toLowerCase(java.util.Locale.ROOT).contains("httponly") && c.contains("SameSite=Strict"));
        JsonNode session = session(gateway, landing.sessionCookie().orElseThrow());
        assertThat(session.at("/principal/email").asString()).isEqualTo("nora@north.example");
        assertThat(session.at("/principal/name").asString()).isEqualTo("Nora North");
        assertThat(session.at("/principal/has_password").asBoolean()).isFalse();
        assertThat(session.at("/principal/bindings")).hasSize(1);
        assertThat(session.at("/principal/bindings/0/role").asString()).isEqualTo("tenant-admin");
        assertThat(session.at("/principal/bindings/0/tenant_id").asString()).isEqualTo(north);
        assertThat(session.at("/permissions/keys:write/0").asString()).isEqualTo(north);
        assertThat(session.path("permissions").has("settings:read")).isFalse();
        var audit = new AdminHttp(gateway).get("/api/admin/audit?limit=200");
        assertThat(audit.status()).as(audit.text()).isEqualTo(200);
        assertThat(audit.text()).contains("sso:oidc").contains("nora@north.example");
    }

    @Test
    void theBindingsFollowTheGroupsAtEverySignIn() {
        nextUser("omar-sub", Map.of("email", "omar@north.example", "groups", List.of("north-admins")));
        String first = signIn(gateway).sessionCookie().orElseThrow();
        assertThat(session(gateway, first).at("/principal/bindings/0/role").asString()).isEqualTo("tenant-admin");

        nextUser("omar-sub", Map.of("email", "omar@north.example", "groups", "north-analysts"));
        String second = signIn(gateway).sessionCookie().orElseThrow();

        JsonNode now = session(gateway, second);
        assertThat(now.at("/principal/bindings")).hasSize(1);
        assertThat(now.at("/principal/bindings/0/role").asString()).isEqualTo("analyst");
        assertThat(now.path("permissions").has("keys:write")).isFalse();
        var principals = new AdminHttp(gateway).get("/api/admin/principals").body().path("data");
        assertThat(principals.valueStream().filter(p -> p.path("email").asString().equals("omar@north.example")))
                .as("one console user, not two").hasSize(1);
    }

    @Test
    void aUserWithoutAMappedGroupIsRefusedWithAPageThatSaysWhy() {
        nextUser("pat-sub", Map.of("email", "pat@north.example", "groups", List.of("sales", "ghosts")));

        Landing landing = signIn(gateway);

        assertThat(landing.last().statusCode()).isEqualTo(403);
        assertThat(landing.last().headers().firstValue("content-type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("text/html"));
        assertThat(landing.last().body()).contains("Access refused").contains("pat@north.example")
                .contains("none of your groups is mapped");
        assertThat(landing.sessionCookie()).isEmpty();
        assertThat(new AdminHttp(gateway).get("/api/admin/principals").text()).doesNotContain("pat@north.example");
    }

    @Test
    void aTokenWithoutAnEmailIsRefused() {
        nextUser("quiet-sub", Map.of("groups", List.of("north-admins")));

        Landing landing = signIn(gateway);

        assertThat(landing.last().statusCode()).isEqualTo(403);
        assertThat(landing.last().body()).contains("no e-mail address");
        assertThat(landing.sessionCookie()).isEmpty();
    }

    @Test
    void withoutJustInTimeCreationOnlyKnownUsersGetIn() {
        nextUser("rita-sub", Map.of("email", "rita@north.example", "groups", List.of("platform")));
        Landing unknown = signIn(noJit);
        var made = new AdminHttp(noJit).post("/api/admin/principals", """
                {"kind":"user","name":"Rita","email":"rita@north.example","bindings":[]}""");
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        nextUser("rita-sub", Map.of("email", "rita@north.example", "groups", List.of("platform")));

        Landing known = signIn(noJit);

        assertThat(unknown.last().statusCode()).isEqualTo(403);
        assertThat(unknown.last().body()).contains("does not create them");
        assertThat(known.last().statusCode()).as(known.last().body()).isEqualTo(303);
        JsonNode session = session(noJit, known.sessionCookie().orElseThrow());
        assertThat(session.at("/principal/bindings/0/role").asString()).isEqualTo("owner");
        assertThat(session.at("/permissions/settings:write").asString()).isEqualTo("*");
    }

    @Test
    void aCallbackWhoseStateIsNotThisBrowsersIsRefusedBeforeTheCodeIsUsed() {
        nextUser("sam-sub", Map.of("email", "sam@north.example", "groups", List.of("north-admins")));
        HttpResponse<String> mine = send(gateway.baseUrl() + "/api/admin/sso/oidc/start", null);
        HttpResponse<String> theirs = send(gateway.baseUrl() + "/api/admin/sso/oidc/start", null);
        String callback = send(mine.headers().firstValue("location").orElseThrow(), null).headers()
                .firstValue("location").orElseThrow();

        HttpResponse<String> forged = send(callback, cookie(theirs, "junction_sso").orElseThrow());
        HttpResponse<String> noCookie = send(callback, null);
        HttpResponse<String> good = send(callback, cookie(mine, "junction_sso").orElseThrow());

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("Sign-in expired");
        assertThat(noCookie.statusCode()).isEqualTo(400);
        assertThat(good.statusCode()).as("the code was not spent by the refused attempts").isEqualTo(303);
    }

    @Test
    void theIssuersErrorIsShownAndTheSignInPageLearnsSsoIsOn() {
        HttpResponse<String> denied = send(gateway.baseUrl()
                + "/api/admin/sso/oidc/callback?error=access_denied&error_description=%3Cb%3Eno%3C%2Fb%3E", null);
        JsonNode described = Json.tryParse(gateway.get("/api/admin/sso").body()).orElseThrow();

        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.body()).contains("access_denied").contains("&lt;b&gt;no").doesNotContain("<b>no");
        assertThat(described.at("/oidc/display_name").asString()).isEqualTo("Corp");
        assertThat(described.at("/oidc/start_url").asString()).isEqualTo("/api/admin/sso/oidc/start");
        assertThat(described.toString()).doesNotContain(CLIENT_SECRET);
    }

    private static Optional<String> cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst();
    }

    private static HttpResponse<String> send(String url, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (cookie != null) {
            request.header("cookie", cookie);
        }
        try {
            return BROWSER.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
