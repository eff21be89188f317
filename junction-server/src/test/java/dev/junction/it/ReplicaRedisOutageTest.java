package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.AdminHttp.Answer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import tools.jackson.databind.node.ObjectNode;

/**
 * With Redis gone, PostgreSQL notifications still carry every change between the replicas of a PostgreSQL store: a
 * change on A is confirmed by B, and refused by B from the first request, as with Redis. (Budgets themselves fail
 * closed while Redis is away, so the keys here have none.)
 */
class ReplicaRedisOutageTest {

    private static ReplicaPair replicas;
    private static AdminHttp admin;

    @BeforeAll
    static void start() {
        replicas = ReplicaPair.withCuttableRedis(Backend.POSTGRESQL_REDIS);
        admin = new AdminHttp(replicas.a());
        replicas.cutRedis();
    }

    @AfterAll
    static void stop() {
        replicas.close();
    }

    private static String user() {
        return admin.create("/api/admin/users", "{\"name\":\"u-" + UUID.randomUUID() + "\"}").path("id").asString();
    }

    private static ObjectNode key(String user) {
        return admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"}");
    }

    private static void assertConfirmedByB(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isBetween(200, 299);
        assertThat(answer.header("x-junction-propagation")).contains("confirmed");
        assertThat(answer.header("x-junction-confirmed-by")).contains(ReplicaPair.replicaId(replicas.b()));
    }

    @Test
    void onlyThePostgresqlChannelIsUpOnBothReplicas() {
        assertThat(ReplicaPair.ready(replicas.a()).at("/replica/channels").toString()).isEqualTo("[\"postgresql\"]");
        assertThat(ReplicaPair.ready(replicas.b()).at("/replica/peers")).hasSize(1);
    }

    @Test
    void aKeyCreatedOnAIsServedByBAtOnce() {
        Answer created = admin.post("/api/admin/keys", "{\"user_id\":\"" + user() + "\"}");

        assertConfirmedByB(created);
        assertThat(ReplicaChangesTest.chat(replicas.b(), (ObjectNode) created.body()).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyRevokedOnAIsRefusedByBFromTheFirstRequest(TestReporter report) {
        ObjectNode key = key(user());
        assertThat(ReplicaChangesTest.chat(replicas.b(), key).statusCode()).isEqualTo(200);

        long started = System.nanoTime();
        Answer revoked = admin.post("/api/admin/keys/" + key.path("id").asString() + "/revoke", null);
        Measured.report(report, "postgresql_only.revocation_confirmed_by_b", Measured.since(started));

        assertConfirmedByB(revoked);
        assertThat(ReplicaChangesTest.chat(replicas.b(), key).statusCode()).isEqualTo(401);
    }

    @Test
    void aScopeNarrowedOnAIsEnforcedByBFromTheFirstRequest() {
        ObjectNode key = key(user());
        assertThat(ReplicaChangesTest.chat(replicas.b(), key).statusCode()).isEqualTo(200);

        Answer narrowed = admin.patch("/api/admin/keys/" + key.path("id").asString(),
                "{\"allowed_models\":[\"mock/*\"]}");

        assertConfirmedByB(narrowed);
        assertThat(ReplicaChangesTest.chat(replicas.b(), key).statusCode()).isEqualTo(403);
    }

    @Test
    void aUserDisabledOnAIsRefusedByBFromTheFirstRequest() {
        String user = user();
        ObjectNode key = key(user);
        assertThat(ReplicaChangesTest.chat(replicas.b(), key).statusCode()).isEqualTo(200);

        Answer disabled = admin.patch("/api/admin/users/" + user, "{\"enabled\":false}");

        assertConfirmedByB(disabled);
        assertThat(ReplicaChangesTest.chat(replicas.b(), key).statusCode()).isEqualTo(401);
    }

    @Test
    void aBudgetedKeyFailsClosedWhileRedisIsAway() {
        ObjectNode key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user() + "\","
                + "\"budgets\":[{\"amount_usd\":1050,\"period\":\"total\"}]}");

        assertThat(ReplicaChangesTest.chat(replicas.b(), key).statusCode()).isEqualTo(503);
    }
}
