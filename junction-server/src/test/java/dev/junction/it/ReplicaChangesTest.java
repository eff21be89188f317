package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.AdminHttp.Answer;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change made through replica A's admin API is in force on replica B before A answers: B refuses from the very
 * first request after it, and A's answer says B confirmed. Once per store (PostgreSQL, MariaDB), both with Redis.
 */
@ParameterizedClass
@EnumSource(value = Backend.class, names = {"POSTGRESQL_REDIS", "MARIADB_REDIS"})
class ReplicaChangesTest {

    private static ReplicaPair replicas;
    private static AdminHttp admin;

    @Parameter
    Backend backend;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        replicas = ReplicaPair.start(backend);
        admin = new AdminHttp(replicas.a());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        replicas.close();
    }

    private static String user(String extraJson) {
        return admin.create("/api/admin/users", "{\"name\":\"u-" + UUID.randomUUID() + "\"" + extraJson + "}")
                .path("id").asString();
    }

    private static ObjectNode key(String userId, String extraJson) {
        return admin.create("/api/admin/keys", "{\"user_id\":\"" + userId + "\"" + extraJson + "}");
    }

    static HttpResponse<String> chat(Gateway gateway, ObjectNode key) {
        return gateway.post("/v1/chat/completions", """
                {"model":"metered","max_tokens":100,"messages":[{"role":"user","content":"hello"}]}""",
                "authorization", "Bearer " + key.path("key").asString());
    }

    private static void assertConfirmedByB(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isBetween(200, 299);
        assertThat(answer.header("x-junction-propagation")).contains("confirmed");
        assertThat(answer.header("x-junction-confirmed-by")).contains(ReplicaPair.replicaId(replicas.b()));
    }

    @Test
    void aKeyCreatedOnAWithItsBudgetIsServedAndChargedOnBAtOnce() {
        Answer created = admin.post("/api/admin/keys", "{\"user_id\":\"" + user("") + "\","
                + "\"budgets\":[{\"amount_usd\":150,\"period\":\"total\"}]}");
        ObjectNode key = (ObjectNode) created.body();

        assertConfirmedByB(created);
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(200);
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(429); // $100 spent; another $100 does not fit
    }

    @Test
    void aKeyRevokedOnAIsRefusedByBFromTheFirstRequest(TestReporter report) {
        ObjectNode key = key(user(""), "");
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(200);

        long started = System.nanoTime();
        Answer revoked = admin.post("/api/admin/keys/" + key.path("id").asString() + "/revoke", null);
        Measured.report(report, backend + ".revocation_confirmed_by_b", Measured.since(started));

        assertConfirmedByB(revoked);
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(401);
    }

    @Test
    void aBudgetLoweredOnAIsHeldByBFromTheFirstRequest() {
        ObjectNode key = key(user(""), ",\"budgets\":[{\"amount_usd\":1050,\"period\":\"total\"}]");
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(200);

        Answer lowered = admin.patch("/api/admin/budgets/" + key.at("/budgets/0/id").asString(),
                "{\"amount_usd\":150}");

        assertConfirmedByB(lowered);
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(429);
    }

    @Test
    void aBudgetCreatedOnAForAnExistingKeyIsHeldByBFromTheFirstRequest() {
        ObjectNode key = key(user(""), "");
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(200);

        Answer budget = admin.post("/api/admin/budgets", "{\"scope\":\"key\",\"scope_id\":\""
                + key.path("id").asString() + "\",\"amount_usd\":50,\"period\":\"daily\"}");

        assertConfirmedByB(budget);
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(429);
    }

    @Test
    void aScopeNarrowedOnAIsEnforcedByBFromTheFirstRequest() {
        ObjectNode key = key(user(""), "");
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(200);

        Answer narrowed = admin.patch("/api/admin/keys/" + key.path("id").asString(),
                "{\"allowed_models\":[\"mock/*\"]}");

        assertConfirmedByB(narrowed);
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(403);
    }

    @Test
    void aUserDisabledOnAIsRefusedByBFromTheFirstRequest() {
        String user = user("");
        ObjectNode key = key(user, "");
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(200);

        Answer disabled = admin.patch("/api/admin/users/" + user, "{\"enabled\":false}");

        assertConfirmedByB(disabled);
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(401);
    }

    @Test
    void aTeamDisabledOnAIsRefusedByBFromTheFirstRequest() {
        String team = admin.create("/api/admin/teams", "{\"tenant_id\":\"ten_default\",\"name\":\"t-"
                + UUID.randomUUID() + "\"}").path("id").asString();
        ObjectNode key = key(user(",\"team_id\":\"" + team + "\""), "");
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(200);

        Answer disabled = admin.patch("/api/admin/teams/" + team, "{\"enabled\":false}");

        assertConfirmedByB(disabled);
        assertThat(chat(replicas.b(), key).statusCode()).isEqualTo(401);
    }
}
