package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.AdminHttp.Answer;
import dev.junction.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The audit trail of admin changes: who did what, never a secret, and a hash chain that tells tampering. */
class AdminAuditTest {

    private static Gateway gateway;
    private static AdminHttp admin;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(AdminHttp.CONFIG, Map.of());
        admin = new AdminHttp(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static List<JsonNode> entriesFor(String entityId) {
        List<JsonNode> found = new ArrayList<>();
        admin.get("/api/admin/audit?limit=1000").body().path("data").forEach(e -> {
            if (e.path("entity_id").asString().equals(entityId)) {
                found.add(e);
            }
        });
        return found.reversed();
    }

    @Test
    void everyChangeIsRecordedUnderTheAdminKeysName() {
        String name = "audited-" + UUID.randomUUID();
        String id = admin.create("/api/admin/tenants", "{\"name\":\"" + name + "\"}").path("id").asString();
        admin.patch("/api/admin/tenants/" + id, "{\"markup\":0.5}");
        admin.delete("/api/admin/tenants/" + id);

        List<JsonNode> entries = entriesFor(id);

        assertThat(entries).extracting(e -> e.path("action").asString())
                .containsExactly("tenant.create", "tenant.update", "tenant.delete");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.path("actor").asString()).isEqualTo("ops");
            assertThat(e.path("entity").asString()).isEqualTo("tenant");
        });
        assertThat(entries.get(0).path("detail").path("name").asString()).isEqualTo(name);
        ObjectNode change = Json.object();
        change.putObject("markup").put("from", 0.0).put("to", 0.5);
        assertThat(entries.get(1).path("detail")).isEqualTo(change);
    }

    @Test
    void issuingAKeyIsRecordedWithoutTheKeyOrItsHash() {
        String user = admin.create("/api/admin/users", "{\"name\":\"u-" + UUID.randomUUID() + "\"}")
                .path("id").asString();
        ObjectNode key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\",\"name\":\"deploy\"}");
        String id = key.path("id").asString();

        JsonNode entry = entriesFor(id).getFirst();
        String hash = gateway.server().governance().database().call(() -> gateway.server().governance().store()
                .keys().get(id).orElseThrow().keyHash()).join();

        assertThat(entry.path("action").asString()).isEqualTo("key.create");
        assertThat(entry.path("detail").path("name").asString()).isEqualTo("deploy");
        assertThat(entry.path("detail").path("user_id").asString()).isEqualTo(user);
        String detail = Json.write(entry.path("detail"));
        assertThat(detail).doesNotContain(key.path("key").asString().substring(3), hash,
                key.path("prefix").asString());
    }

    @Test
    void revokingAKeyIsRecordedAsARevocation() {
        String user = admin.create("/api/admin/users", "{\"name\":\"u-" + UUID.randomUUID() + "\"}")
                .path("id").asString();
        String id = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"}").path("id").asString();

        admin.post("/api/admin/keys/" + id + "/revoke", null);

        JsonNode revoke = entriesFor(id).getLast();
        ObjectNode change = Json.object();
        change.putObject("enabled").put("from", true).put("to", false);
        change.putObject("revoked_at").putNull("from").put("to", revoke.path("detail").path("revoked_at").path("to")
                .asString());
        assertThat(revoke.path("action").asString()).isEqualTo("key.revoke");
        assertThat(revoke.path("detail")).isEqualTo(change);
        assertThat(Instant.parse(change.path("revoked_at").path("to").asString())).isNotNull();
    }

    @Test
    void aRefusedChangeLeavesNoEntry() {
        String name = "once-" + UUID.randomUUID();
        admin.create("/api/admin/tenants", "{\"name\":\"" + name + "\"}");
        long before = admin.get("/api/admin/audit?limit=1").body().path("data").get(0).path("seq").asLong();

        Answer refused = admin.post("/api/admin/tenants", "{\"name\":\"" + name + "\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(admin.get("/api/admin/audit?limit=1").body().path("data").get(0).path("seq").asLong())
                .isEqualTo(before);
    }

    @Test
    void pagesFollowNextBefore() {
        for (int i = 0; i < 3; i++) {
            admin.create("/api/admin/tenants", "{\"name\":\"paged-" + UUID.randomUUID() + "\"}");
        }

        JsonNode first = admin.get("/api/admin/audit?limit=2").body();
        long before = first.path("next_before").asLong();
        JsonNode second = admin.get("/api/admin/audit?limit=2&before=" + before).body();

        assertThat(first.path("data").size()).isEqualTo(2);
        assertThat(before).isEqualTo(first.path("data").get(1).path("seq").asLong());
        assertThat(second.path("data").get(0).path("seq").asLong()).isLessThan(before);
    }

    @Test
    void anUntouchedTrailVerifiesIntact() {
        admin.create("/api/admin/tenants", "{\"name\":\"verified-" + UUID.randomUUID() + "\"}");

        assertThat(admin.get("/api/admin/audit/verify").body()).isEqualTo(Json.object().put("intact", true));
    }

    @Test
    void aTrailChangedBehindTheApisBackNamesTheFirstBrokenEntry() {
        try (Gateway own = Gateway.start(AdminHttp.CONFIG, Map.of())) {
            AdminHttp ownAdmin = new AdminHttp(own);
            ownAdmin.create("/api/admin/tenants", "{\"name\":\"first\"}");
            ownAdmin.create("/api/admin/tenants", "{\"name\":\"second\"}");
            long seq = ownAdmin.get("/api/admin/audit?limit=1").body().path("data").get(0).path("seq").asLong();
            own.server().governance().database().call(() -> own.server().governance().database().jdbi()
                    .withHandle(h -> h.createUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = :seq")
                            .bind("seq", seq).execute())).join();

            JsonNode verdict = ownAdmin.get("/api/admin/audit/verify").body();

            assertThat(verdict.path("intact").asBoolean()).isFalse();
            assertThat(verdict.path("first_broken_seq").asLong()).isEqualTo(seq);
        }
    }
}
