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
 * Console users sign in with an e-mail and a password: the session carries the principal and its permissions, its
 * calls are held to them, and repeated failures lock the account without telling a stranger that it exists.
 */
class ConsoleUserSignInTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static Gateway gateway;
    private static Tenancy tenancy;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(AdminHttp.CONFIG, Map.of());
        tenancy = new Tenancy(gateway, "signin");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String consoleUser(String email) {
        var created = tenancy.owner().post("/api/admin/principals", """
                {"kind":"user","name":"Nora","email":"%s","password":"%s",
                 "bindings":[{"role":"tenant-admin","tenant_id":"%s"}]}"""
                .formatted(email, PASSWORD, tenancy.a.id("tenant")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.text()).doesNotContain(PASSWORD).doesNotContain("argon2");
        return created.body().path("id").asString();
    }

    private static HttpResponse<String> signIn(String email, String password) {
        return gateway.post("/api/admin/session", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                "content-type", "application/json");
    }

    private static String cookie(HttpResponse<String> signedIn) {
        String header = signedIn.headers().firstValue("set-cookie").orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    @Test
    void aConsoleUserSignsInAndItsSessionCarriesItsTenantAndPermissions() {
        String id = consoleUser("nora@north.example");

        HttpResponse<String> signedIn = signIn("Nora@North.example", PASSWORD);
        JsonNode session = Json.tryParse(signedIn.body()).orElseThrow();
        String cookie = cookie(signedIn);
        JsonNode me = Json.tryParse(gateway.get("/api/admin/me", "cookie", cookie).body()).orElseThrow();
        var keys = gateway.get("/api/admin/keys", "cookie", cookie);
        var otherKey = gateway.get("/api/admin/keys/" + tenancy.b.id("key"), "cookie", cookie);
        var settings = gateway.get("/api/admin/settings", "cookie", cookie);

        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(201);
        assertThat(session.at("/principal/id").asString()).isEqualTo(id);
        assertThat(session.at("/permissions/keys:write/0").asString()).isEqualTo(tenancy.a.id("tenant"));
        assertThat(session.path("permissions").has("settings:read")).isFalse();
        assertThat(me.path("actor").asString()).isEqualTo("user:nora@north.example (" + id + ")");
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.body()).contains(tenancy.a.id("key")).doesNotContain(tenancy.b.id("key"));
        assertThat(otherKey.statusCode()).isEqualTo(404);
        assertThat(settings.statusCode()).isEqualTo(403);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        consoleUser("olga@north.example");

        var wrong = signIn("olga@north.example", "not the password at all");
        var unknown = signIn("nobody@north.example", "not the password at all");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(Json.tryParse(wrong.body()).orElseThrow())
                .isEqualTo(Json.tryParse(unknown.body()).orElseThrow());
    }

    @Test
    void fiveFailedSignInsLockTheAccountEvenAgainstTheRightPassword() {
        consoleUser("pia@north.example");
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("pia@north.example", "guess number " + i + " wrong").statusCode()).isEqualTo(401);
        }

        var locked = signIn("pia@north.example", PASSWORD);

        assertThat(locked.statusCode()).isEqualTo(401);
    }

    @Test
    void aDisabledConsoleUsersSessionEndsAtOnce() {
        String id = consoleUser("quinn@north.example");
        String cookie = cookie(signIn("quinn@north.example", PASSWORD));
        assertThat(gateway.get("/api/admin/me", "cookie", cookie).statusCode()).isEqualTo(200);

        tenancy.owner().patch("/api/admin/principals/" + id, "{\"enabled\":false}");

        assertThat(gateway.get("/api/admin/me", "cookie", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void nobodyGrantsMoreThanTheyHold() {
        String token = tenancy.serviceAccount("granter", "tenant-admin@" + tenancy.a.id("tenant"));
        AdminHttp granter = new AdminHttp(gateway, token);

        var owner = granter.post("/api/admin/principals", "{\"kind\":\"service\",\"name\":\"x\",\"bindings\":"
                + "[{\"role\":\"owner\",\"tenant_id\":\"" + tenancy.a.id("tenant") + "\"}]}");
        var everywhere = granter.post("/api/admin/principals", "{\"kind\":\"service\",\"name\":\"y\",\"bindings\":"
                + "[{\"role\":\"analyst\"}]}");
        var otherTenant = granter.post("/api/admin/principals", "{\"kind\":\"service\",\"name\":\"z\",\"bindings\":"
                + "[{\"role\":\"developer\",\"tenant_id\":\"" + tenancy.b.id("tenant") + "\"}]}");
        var allowed = granter.post("/api/admin/principals", "{\"kind\":\"service\",\"name\":\"w\",\"bindings\":"
                + "[{\"role\":\"developer\",\"tenant_id\":\"" + tenancy.a.id("tenant") + "\"}]}");

        assertThat(owner.status()).as(owner.text()).isEqualTo(400);
        assertThat(everywhere.status()).as(everywhere.text()).isEqualTo(400);
        assertThat(otherTenant.status()).as(otherTenant.text()).isEqualTo(400);
        assertThat(allowed.status()).as(allowed.text()).isEqualTo(201);
        assertThat(allowed.body().path("token").asString()).startsWith("jsa-");
    }

    @Test
    void aRotatedTokenReplacesTheOldOneAtOnce() {
        var created = tenancy.owner().create("/api/admin/principals", "{\"kind\":\"service\",\"name\":\"rotor\","
                + "\"bindings\":[{\"role\":\"analyst\",\"tenant_id\":\"" + tenancy.a.id("tenant") + "\"}]}");
        String old = created.path("token").asString();
        String id = created.path("id").asString();

        var rotated = tenancy.owner().post("/api/admin/principals/" + id + "/token", null);
        String fresh = rotated.body().path("token").asString();

        assertThat(rotated.status()).as(rotated.text()).isEqualTo(201);
        assertThat(new AdminHttp(gateway, old).get("/api/admin/me").status()).isEqualTo(401);
        assertThat(new AdminHttp(gateway, fresh).get("/api/admin/me").status()).isEqualTo(200);
        assertThat(tenancy.owner().get("/api/admin/principals/" + id).text()).doesNotContain(fresh);
    }
}
