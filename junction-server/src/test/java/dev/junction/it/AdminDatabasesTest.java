package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.AdminHttp.Answer;
import dev.junction.store.SqlDialect;
import dev.junction.store.TestDatabases;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

/** The admin API on the server databases: the same round trips, conflicts and audit chain as on SQLite. */
class AdminDatabasesTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MYSQL"})
    void theAdminApiManagesEverythingOnAServerDatabase(SqlDialect dialect) {
        try (TestDatabases.Fresh database = TestDatabases.create(dialect);
             Gateway gateway = Gateway.start(AdminHttp.CONFIG, Map.of(
                     "JUNCTION_DATABASE_URL", database.settings().url(),
                     "JUNCTION_DATABASE_USER", database.settings().user().orElseThrow()))) {
            AdminHttp admin = new AdminHttp(gateway);
            String tenant = admin.create("/api/admin/tenants", "{\"name\":\"acme\",\"markup\":0.1}")
                    .path("id").asString();
            String team = admin.create("/api/admin/teams", "{\"tenant_id\":\"" + tenant + "\",\"name\":\"eng\"}")
                    .path("id").asString();
            String user = admin.create("/api/admin/users", """
                    {"tenant_id":"%s","team_id":"%s","name":"ann"}""".formatted(tenant, team)).path("id").asString();
            ObjectNode key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\",\"expires_in\":\"1d\"}");
            admin.create("/api/admin/budgets", """
                    {"scope":"team","scope_id":"%s","amount_usd":100,"period":"monthly"}""".formatted(team));
            assertThat(admin.put("/api/admin/prices/mock/echo", "{\"input\":0.5,\"output\":1.5}").status())
                    .isEqualTo(200);

            Answer duplicate = admin.post("/api/admin/users", """
                    {"tenant_id":"%s","name":"ann"}""".formatted(tenant));
            Answer withChildren = admin.delete("/api/admin/tenants/" + tenant);
            var chat = gateway.post("/v1/chat/completions",
                    "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "authorization", "Bearer " + key.path("key").asString());
            Answer patched = admin.patch("/api/admin/users/" + user, "{\"email\":\"ann@example.com\"}");

            assertThat(duplicate.status()).as(duplicate.text()).isEqualTo(409);
            assertThat(withChildren.status()).as(withChildren.text()).isEqualTo(409);
            assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
            assertThat(patched.body().path("email").asString()).isEqualTo("ann@example.com");
            assertThat(admin.get("/api/admin/keys?user_id=" + user).text())
                    .doesNotContain(key.path("key").asString().substring(3));
            assertThat(admin.get("/api/admin/budgets?scope=team").body().at("/data/0/remaining_usd").isNumber())
                    .isTrue();
            assertThat(admin.get("/api/admin/audit").body().path("data").size()).isEqualTo(7);
            assertThat(admin.get("/api/admin/audit/verify").body().path("intact").asBoolean()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MYSQL"})
    void concurrentPatchesOfOneEntityBothTakeEffect(SqlDialect dialect) throws Exception {
        try (TestDatabases.Fresh database = TestDatabases.create(dialect);
             Gateway gateway = Gateway.start(AdminHttp.CONFIG, Map.of(
                     "JUNCTION_DATABASE_URL", database.settings().url(),
                     "JUNCTION_DATABASE_USER", database.settings().user().orElseThrow()));
             var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            AdminHttp admin = new AdminHttp(gateway);
            for (int round = 1; round <= 20; round++) {
                String tenant = admin.create("/api/admin/tenants", "{\"name\":\"t" + round + "\"}").path("id")
                        .asString();
                int rpm = round;
                var first = pool.submit(() -> admin.patch("/api/admin/tenants/" + tenant, "{\"rpm\":" + rpm + "}"));
                var second = pool.submit(() -> admin.patch("/api/admin/tenants/" + tenant, "{\"tpm\":1000}"));
                first.get();
                second.get();

                var stored = admin.get("/api/admin/tenants/" + tenant).body();
                assertThat(stored.path("rpm").asInt()).as("round " + round).isEqualTo(rpm);
                assertThat(stored.path("tpm").asInt()).as("round " + round).isEqualTo(1000);
            }
        }
    }
}
