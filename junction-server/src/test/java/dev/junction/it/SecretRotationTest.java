package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.crypto.GatewaySecretKey;
import dev.junction.testkit.MockUpstream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Rotating the gateway's secret key on one data directory, as an operator does: a gateway on key A stores a
 * provider's key and header, a virtual key and a service-account token; restarted on key B with A as the previous
 * key, everything keeps working, the stored secrets are re-sealed under B in the background, and the report says
 * what still depends on A; restarted on B alone, what was hashed under A is refused (and reported), while the
 * re-sealed provider keeps serving.
 */
class SecretRotationTest {

    private static final String KEY_A = "a1".repeat(32);
    private static final String KEY_B = "b2".repeat(32);
    private static final String ID_A = GatewaySecretKey.of(KEY_A, "a").fingerprint();
    private static final String ID_B = GatewaySecretKey.of(KEY_B, "b").fingerprint();
    private static final String UPSTREAM_KEY = "sk-rotation-upstream-0123456789";
    private static final String HEADER = "hdr-rotation-secret-0123456789";

    @TempDir
    static Path dataDir;

    private static MockUpstream upstream;

    @BeforeAll
    static void upstream() {
        upstream = MockUpstream.start();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    private static Gateway gateway(String secretKey, String previous) {
        Map<String, String> env = new HashMap<>();
        env.put("JUNCTION_DATA_DIR", dataDir.toString());
        env.put("JUNCTION_SECRET_KEY", secretKey);
        if (previous != null) {
            env.put("JUNCTION_PREVIOUS_SECRET_KEYS", previous);
        }
        return Gateway.start(AdminHttp.CONFIG, env);
    }

    private static int chat(Gateway gateway, String key, String model) {
        return gateway.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}", "authorization", "Bearer " + key).statusCode();
    }

    private static JsonNode settledReport(AdminHttp admin) {
        eventually("a re-sealing pass finished", () -> {
            JsonNode r = admin.get("/api/admin/secret-keys").body();
            return r.at("/reseal/last").isObject() && !r.at("/reseal/running").asBoolean();
        });
        AdminHttp.Answer answer = admin.get("/api/admin/secret-keys");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.body();
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<String> sealedColumns() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("junction.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT definition, api_key_ciphertext FROM providers")) {
            while (rs.next()) {
                out.add(rs.getString(1));
                out.add(rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void aRotationKeepsEverythingWorkingAndRetiringTheOldKeyEndsOnlyWhatWasHashedUnderIt() throws SQLException {
        String virtualKey;
        String token;
        try (Gateway first = gateway(KEY_A, null)) {
            AdminHttp admin = new AdminHttp(first);
            assertThat(admin.put("/api/admin/providers/rotating", """
                    {"base_url": "%s", "api_key": "%s", "models": ["m"], "headers": {"X-Tenant-Token": "%s"}}"""
                    .formatted(upstream.baseUrl(), UPSTREAM_KEY, HEADER)).status()).isEqualTo(201);
            assertThat(admin.put("/api/admin/routes/rotating-route", """
                    {"groups": [{"deployments": [{"provider": "rotating", "model": "m"}]}]}""").status())
                    .isEqualTo(201);
            String user = admin.create("/api/admin/users", "{\"name\":\"rotation-user\"}").path("id").asString();
            virtualKey = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"}").path("key").asString();
            token = admin.create("/api/admin/principals", "{\"kind\":\"service\",\"name\":\"rotation-bot\","
                    + "\"bindings\":[{\"role\":\"owner\"}]}").path("token").asString();
            assertThat(chat(first, virtualKey, "rotating-route")).isEqualTo(200);
            JsonNode report = settledReport(admin);
            assertThat(report.path("active_key_id").asString()).isEqualTo(ID_A);
            assertThat(report.at("/keys/0/virtual_keys").asLong()).isEqualTo(1);
        }
        assertThat(sealedColumns()).allMatch(v -> !v.contains(UPSTREAM_KEY) && !v.contains(HEADER));

        String keyUnderB;
        try (Gateway rotated = gateway(KEY_B, KEY_A)) {
            AdminHttp admin = new AdminHttp(rotated);
            upstream.reset();
            assertThat(chat(rotated, virtualKey, "rotating-route")).as("a key hashed under A still works")
                    .isEqualTo(200);
            var seen = upstream.lastRequest().orElseThrow();
            assertThat(seen.header("authorization")).contains("Bearer " + UPSTREAM_KEY);
            assertThat(seen.header("x-tenant-token")).contains(HEADER);
            assertThat(new AdminHttp(rotated, token).get("/api/admin/users").status())
                    .as("a service token hashed under A still works").isEqualTo(200);

            JsonNode report = settledReport(admin);
            assertThat(report.path("active_key_id").asString()).isEqualTo(ID_B);
            assertThat(report.at("/keys/0/id").asString()).isEqualTo(ID_B);
            assertThat(report.at("/keys/0/sealed_values").asLong()).as("key and header re-sealed").isEqualTo(2);
            assertThat(report.at("/keys/1/id").asString()).isEqualTo(ID_A);
            assertThat(report.at("/keys/1/virtual_keys").asLong()).isEqualTo(1);
            assertThat(report.at("/keys/1/service_tokens").asLong()).isEqualTo(1);
            assertThat(report.at("/keys/1/sealed_values").asLong()).isZero();
            assertThat(report.path("retirable")).as("A still holds a virtual key and a token").isEmpty();
            assertThat(report.at("/unknown_key_id/virtual_keys").asLong()).isZero();
            assertThat(report.toString()).doesNotContain(KEY_A, KEY_B);

            String user = admin.create("/api/admin/users", "{\"name\":\"rotation-user-2\"}").path("id").asString();
            keyUnderB = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"}").path("key").asString();
            AdminHttp.Answer again = admin.post("/api/admin/secret-keys/reseal", null);
            assertThat(again.status()).as(again.text()).isEqualTo(200);
            assertThat(again.body().at("/reseal/last/resealed").asInt()).as("nothing left to re-seal").isZero();
            assertThat(again.body().at("/keys/0/virtual_keys").asLong()).isEqualTo(1);
            assertThat(new AdminHttp(rotated, token).post("/api/admin/secret-keys/reseal", null).status())
                    .isEqualTo(200);
        }
        assertThat(sealedColumns()).filteredOn(v -> v != null && v.startsWith("v"))
                .allMatch(v -> v.startsWith("v2:" + ID_B + ":"));
        assertThat(sealedColumns().getFirst()).contains("v2:" + ID_B + ":");

        try (Gateway retired = gateway(KEY_B, null)) {
            AdminHttp admin = new AdminHttp(retired);
            assertThat(chat(retired, virtualKey, "rotating-route")).as("hashed under the retired key")
                    .isEqualTo(401);
            assertThat(chat(retired, keyUnderB, "rotating-route")).as("the provider was re-sealed under B")
                    .isEqualTo(200);
            assertThat(new AdminHttp(retired, token).get("/api/admin/users").status()).isEqualTo(401);
            JsonNode report = settledReport(admin);
            assertThat(report.at("/unconfigured/0/id").asString()).isEqualTo(ID_A);
            assertThat(report.at("/unconfigured/0/virtual_keys").asLong()).isEqualTo(1);
            assertThat(retired.logOutput()).doesNotContain(KEY_A, KEY_B, UPSTREAM_KEY, HEADER);
        }
    }
}
