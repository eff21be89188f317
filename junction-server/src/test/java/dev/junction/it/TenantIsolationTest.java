package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.AdminHttp.Answer;
import dev.junction.store.SqlDialect;
import dev.junction.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Two tenants with identical names of things, on SQLite, PostgreSQL and MariaDB: a tenant-scoped principal of the
 * first sees nothing of the second, through lists, pagination cursors, analytics and spend group-bys, request-log
 * bodies, the audit trail and the live event stream; what it creates lands in its own tenant.
 */
class TenantIsolationTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SqlDialect.class, names = {"SQLITE", "POSTGRESQL", "MYSQL"})
    void aTenantAdminSeesAndChangesOnlyItsOwnTenant(SqlDialect dialect) throws Exception {
        try (TestDatabases.Fresh database = dialect == SqlDialect.SQLITE ? null : TestDatabases.create(dialect);
             Gateway gateway = Gateway.start(AdminHttp.CONFIG, environment(database))) {
            Tenancy t = new Tenancy(gateway, dialect.name().toLowerCase(java.util.Locale.ROOT));
            // A second request in each tenant, so that a page of one has a cursor behind it.
            t.awaitLogged(chat(gateway, t.a.keyPlaintext(), "again north"));
            t.awaitLogged(chat(gateway, t.b.keyPlaintext(), "again south"));
            AdminHttp north = new AdminHttp(gateway, t.serviceAccount("north-admin", "tenant-admin@"
                    + t.a.id("tenant")));
            AdminHttp bodies = new AdminHttp(gateway, t.serviceAccount("north-full", "admin@" + t.a.id("tenant")));
            String southTenant = t.b.id("tenant");

            for (String list : List.of("tenants", "teams", "users", "keys", "budgets")) {
                Answer answer = north.get("/api/admin/" + list);
                assertThat(answer.status()).as(list).isEqualTo(200);
                assertThat(answer.text()).as(list).doesNotContain(southTenant)
                        .doesNotContain(t.b.id(list.substring(0, list.length() - 1)));
                assertThat(answer.body().path("data").size()).as(list).isPositive();
            }
            for (String kind : List.of("tenant", "team", "user", "key", "budget", "request")) {
                String path = "/api/admin/" + (kind.equals("request") ? "requests" : kind + "s") + "/" + t.b.id(kind);
                assertThat(north.get(path).status()).as(path).isEqualTo(404);
            }

            List<String> paged = pageThroughRequests(north);
            assertThat(paged).hasSizeGreaterThanOrEqualTo(2).contains(t.a.id("request"))
                    .doesNotContain(t.b.id("request"));
            assertThat(north.get("/api/admin/requests?tenant_id=" + southTenant).body().path("data").size())
                    .isZero();

            JsonNode byTenant = north.get("/api/admin/analytics/summary?group_by=tenant&bucket=minute").body();
            assertThat(byTenant.path("data").findValuesAsString("tenant")).containsOnly(t.a.id("tenant"));
            JsonNode byModel = north.get("/api/admin/analytics/summary?group_by=model&bucket=minute").body();
            assertThat(byModel.at("/data/0/requests").asLong()).isEqualTo(2);
            JsonNode spend = north.get("/api/admin/spend?group_by=tenant").body();
            assertThat(spend.path("data").findValuesAsString("group")).containsOnly(t.a.id("tenant"));

            assertThat(north.get("/api/admin/requests/" + t.a.id("request")).body().has("request_body")).isFalse();
            Answer withBodies = bodies.get("/api/admin/requests?limit=100");
            assertThat(withBodies.text()).contains("secret of north").doesNotContain("secret of south");

            Answer created = north.post("/api/admin/users", "{\"name\":\"bob\"}");
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(created.body().path("tenant_id").asString()).isEqualTo(t.a.id("tenant"));
            Answer elsewhere = north.post("/api/admin/teams", "{\"tenant_id\":\"" + southTenant
                    + "\",\"name\":\"intruders\"}");
            assertThat(elsewhere.status()).isEqualTo(400);
            assertThat(north.post("/api/admin/keys", "{\"user_id\":\"" + t.b.id("user") + "\"}").status())
                    .isEqualTo(400);
            assertThat(north.post("/api/admin/budgets", "{\"scope\":\"tenant\",\"scope_id\":\"" + southTenant
                    + "\",\"amount_usd\":1,\"period\":\"daily\"}").status()).isEqualTo(400);

            JsonNode audit = north.get("/api/admin/audit?limit=1000").body().path("data");
            assertThat(audit.findValuesAsString("tenant_id")).isNotEmpty().containsOnly(t.a.id("tenant"));
            assertThat(t.owner().get("/api/admin/audit?limit=1").body().at("/data/0/actor").asString())
                    .startsWith("service:north-admin");
            assertThat(t.owner().get("/api/admin/audit/verify").body().path("intact").asBoolean()).isTrue();

            assertThat(liveRequestIds(gateway, north, t)).contains(t.a.id("live")).doesNotContain(t.b.id("live"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SqlDialect.class, names = {"SQLITE", "POSTGRESQL", "MYSQL"})
    void aDeveloperManagesOnlyTheKeysItIssued(SqlDialect dialect) throws Exception {
        try (TestDatabases.Fresh database = dialect == SqlDialect.SQLITE ? null : TestDatabases.create(dialect);
             Gateway gateway = Gateway.start(AdminHttp.CONFIG, environment(database))) {
            Tenancy t = new Tenancy(gateway, "dev-" + dialect.name().toLowerCase(java.util.Locale.ROOT));
            AdminHttp dev = new AdminHttp(gateway, t.serviceAccount("north-dev", "developer@" + t.a.id("tenant")));
            AdminHttp colleague = new AdminHttp(gateway, t.serviceAccount("north-dev-2", "developer@"
                    + t.a.id("tenant")));
            String devId = dev.get("/api/admin/me").body().at("/principal/id").asString();
            JsonNode mine = dev.create("/api/admin/keys", "{\"user_id\":\"" + t.a.id("user") + "\",\"name\":\"laptop\"}");
            JsonNode theirs = colleague.create("/api/admin/keys", "{\"user_id\":\"" + t.a.id("user")
                    + "\",\"name\":\"laptop\"}");
            assertThat(mine.path("owner_principal_id").asString()).isEqualTo(devId);
            String myKey = mine.path("id").asString();
            String theirKey = theirs.path("id").asString();

            assertThat(dev.get("/api/admin/keys").body().path("data").findValuesAsString("id")).containsExactly(myKey);
            assertThat(dev.get("/api/admin/keys?user_id=" + t.a.id("user")).body().path("data")
                    .findValuesAsString("id")).containsExactly(myKey);
            assertThat(t.owner().get("/api/admin/keys?user_id=" + t.a.id("user")).body().path("data")
                    .findValuesAsString("id")).contains(myKey, theirKey, t.a.id("key"));
            for (String other : List.of(theirKey, t.a.id("key"), t.b.id("key"))) {
                assertThat(dev.get("/api/admin/keys/" + other).status()).as(other).isEqualTo(404);
                assertThat(dev.get("/api/admin/keys/" + other + "/requests").status()).as(other).isEqualTo(404);
                assertThat(dev.patch("/api/admin/keys/" + other, "{\"name\":\"mine now\"}").status()).isEqualTo(404);
                assertThat(dev.post("/api/admin/keys/" + other + "/revoke", null).status()).isEqualTo(404);
                assertThat(dev.delete("/api/admin/keys/" + other).status()).isEqualTo(404);
            }
            assertThat(t.owner().get("/api/admin/keys/" + theirKey).body().path("revoked_at").isNull()).isTrue();

            String used = chat(gateway, mine.path("key").asString(), "my own key");
            t.awaitLogged(used);
            JsonNode usage = dev.get("/api/admin/keys/" + myKey + "/requests").body();
            assertThat(usage.path("data").findValuesAsString("request_id")).containsExactly(used);
            assertThat(dev.get("/api/admin/requests").status()).isEqualTo(403);
            assertThat(dev.get("/api/admin/analytics/summary").status()).isEqualTo(403);

            assertThat(dev.post("/api/admin/keys", "{\"user_id\":\"" + t.b.id("user") + "\"}").status())
                    .isEqualTo(400);
            assertThat(dev.post("/api/admin/keys", "{\"user_id\":\"" + t.a.id("user")
                    + "\",\"budgets\":[{\"amount_usd\":1,\"period\":\"daily\"}]}").status()).isEqualTo(403);
            assertThat(dev.patch("/api/admin/keys/" + myKey, "{\"name\":\"desktop\"}").body().path("name").asString())
                    .isEqualTo("desktop");
            assertThat(dev.post("/api/admin/keys/" + myKey + "/revoke", null).body().path("revoked_at").isNull())
                    .isFalse();
            assertThat(dev.delete("/api/admin/keys/" + myKey).status()).isEqualTo(204);
            assertThat(colleague.get("/api/admin/keys").body().path("data").findValuesAsString("id"))
                    .containsExactly(theirKey);
        }
    }

    private static Map<String, String> environment(TestDatabases.Fresh database) {
        if (database == null) {
            return Map.of();
        }
        return Map.of("JUNCTION_DATABASE_URL", database.settings().url(),
                "JUNCTION_DATABASE_USER", database.settings().user().orElseThrow());
    }

    private static String chat(Gateway gateway, String key, String text) {
        var answer = gateway.post("/v1/chat/completions", "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + text + "\"}]}", "authorization", "Bearer " + key);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.headers().firstValue("x-request-id").orElseThrow();
    }

    /** Follows the cursors one entry at a time to the end; the request ids seen. */
    private static List<String> pageThroughRequests(AdminHttp admin) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = admin.get("/api/admin/requests?limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
                    .body();
            page.path("data").forEach(e -> ids.add(e.path("request_id").asString()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
        } while (cursor != null && ids.size() < 50);
        return ids;
    }

    /**
     * Opens the live stream as the tenant's admin, sends a request with the other tenant's key and then one with
     * its own, and reads until its own arrives: the ids of the requests it saw on the way.
     */
    private static List<String> liveRequestIds(Gateway gateway, AdminHttp unused, Tenancy t) throws Exception {
        String token = t.serviceAccount("north-watcher", "tenant-admin@" + t.a.id("tenant"));
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gateway.baseUrl() + "/api/admin/events")).header("authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        Iterator<String> lines = response.body().iterator();
        assertThat(lines.next()).isEqualTo(": connected");
        t.b.ids().put("live", chat(gateway, t.b.keyPlaintext(), "live south"));
        t.a.ids().put("live", chat(gateway, t.a.keyPlaintext(), "live north"));
        List<String> seen = new ArrayList<>();
        CompletableFuture.runAsync(() -> {
            while (!seen.contains(t.a.id("live"))) {
                String line = lines.next();
                if (line.startsWith("data: ")) {
                    Optional.ofNullable(dev.junction.json.Json.tryParse(line.substring(6)).orElseThrow()
                            .get("request_id")).ifPresent(id -> seen.add(id.asString()));
                }
            }
        }).get(30, TimeUnit.SECONDS);
        response.body().close();
        return seen;
    }
}
