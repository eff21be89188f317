package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.AdminHttp.Answer;
import dev.junction.json.Json;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Tenants, teams and users through the admin API: create, read, list, change and delete, and their rules. */
class AdminOrganisationTest {

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

    private static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int chat(String key) {
        return gateway.post("/v1/chat/completions", """
                {"model":"mock/echo","messages":[{"role":"user","content":"hi"}]}""",
                "authorization", "Bearer " + key).statusCode();
    }

    @Test
    void disablingAUserRefusesItsKeysAtOnceAndEnablingItAgainRestoresThem() {
        String user = admin.create("/api/admin/users", "{\"name\":\"" + unique("dora") + "\"}").path("id").asString();
        String key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"}").path("key").asString();

        Answer disabled = admin.patch("/api/admin/users/" + user, "{\"enabled\":false}");
        int whileDisabled = chat(key);
        admin.patch("/api/admin/users/" + user, "{\"enabled\":true}");

        assertThat(disabled.body().path("enabled").asBoolean()).isFalse();
        assertThat(whileDisabled).isEqualTo(401);
        assertThat(chat(key)).isEqualTo(200);
    }

    @Test
    void disablingATeamRefusesTheKeysOfEveryUserInIt() {
        String team = admin.create("/api/admin/teams", "{\"tenant_id\":\"ten_default\",\"name\":\"" + unique("ops")
                + "\"}").path("id").asString();
        String user = admin.create("/api/admin/users", "{\"name\":\"" + unique("eve") + "\",\"team_id\":\"" + team
                + "\"}").path("id").asString();
        String key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"}").path("key").asString();

        admin.patch("/api/admin/teams/" + team, "{\"enabled\":false}");

        assertThat(chat(key)).isEqualTo(401);
        assertThat(admin.get("/api/admin/teams/" + team).body().path("enabled").asBoolean()).isFalse();
    }

    @Test
    void aTenantRoundTripsThroughCreateReadUpdateAndDelete() {
        String name = unique("acme");
        ObjectNode created = admin.create("/api/admin/tenants", """
                {"name":"%s","markup":0.2,"rpm":100,"allowed_models":["mock/*"],"metadata":{"plan":"gold"}}"""
                .formatted(name));
        String id = created.path("id").asString();

        ObjectNode expected = Json.object().put("id", id).put("name", name).put("markup", 0.2).put("rpm", 100)
                .putNull("tpm").putNull("max_concurrent");
        expected.putArray("allowed_models").add("mock/*");
        expected.putObject("metadata").put("plan", "gold");
        expected.putArray("disabled_capabilities");
        expected.put("created_at", created.path("created_at").asString())
                .put("updated_at", created.path("updated_at").asString());
        assertThat(id).startsWith("ten_");
        assertThat(created).isEqualTo(expected);
        assertThat(admin.get("/api/admin/tenants/" + id).body()).isEqualTo(created);

        Answer patched = admin.patch("/api/admin/tenants/" + id, "{\"markup\":-0.1,\"rpm\":null,\"tpm\":5000}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().path("markup").asDouble()).isEqualTo(-0.1);
        assertThat(patched.body().path("rpm").isNull()).isTrue();
        assertThat(patched.body().path("tpm").asLong()).isEqualTo(5000);
        assertThat(patched.body().path("name").asString()).isEqualTo(name);

        assertThat(admin.delete("/api/admin/tenants/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/admin/tenants/" + id).status()).isEqualTo(404);
    }

    @Test
    void aTenantsDisabledCapabilitiesAreSetByNameAndAudioNamesBothAudioOperations() {
        String id = admin.create("/api/admin/tenants", "{\"name\":\"" + unique("caps") + "\"}").path("id")
                .asString();

        Answer patched = admin.patch("/api/admin/tenants/" + id, """
                {"disabled_capabilities":["rerank","audio"]}""");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().path("disabled_capabilities").valueStream().map(JsonNode::asString).toList())
                .containsExactly("audio_speech", "audio_transcription", "rerank");
        Answer unknown = admin.patch("/api/admin/tenants/" + id, """
                {"disabled_capabilities":["video"]}""");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.message()).contains("unknown capability 'video'");
    }

    @Test
    void teamsAndUsersHaveDisabledCapabilitiesToo() {
        String team = admin.create("/api/admin/teams", "{\"tenant_id\":\"ten_default\",\"name\":\""
                + unique("caps-team") + "\"}").path("id").asString();
        String user = admin.create("/api/admin/users", "{\"name\":\"" + unique("caps-user") + "\",\"team_id\":\""
                + team + "\"}").path("id").asString();

        Answer patchedTeam = admin.patch("/api/admin/teams/" + team, """
                {"disabled_capabilities":["images"]}""");
        Answer patchedUser = admin.patch("/api/admin/users/" + user, """
                {"disabled_capabilities":["audio"]}""");

        assertThat(patchedTeam.status()).isEqualTo(200);
        assertThat(admin.get("/api/admin/teams/" + team).body().path("disabled_capabilities").valueStream()
                .map(JsonNode::asString).toList()).containsExactly("images");
        assertThat(patchedUser.status()).isEqualTo(200);
        assertThat(admin.get("/api/admin/users/" + user).body().path("disabled_capabilities").valueStream()
                .map(JsonNode::asString).toList()).containsExactly("audio_speech", "audio_transcription");
        assertThat(admin.patch("/api/admin/users/" + user, """
                {"disabled_capabilities":["video"]}""").status()).isEqualTo(400);
    }

    @Test
    void theTenantListIncludesTheDefaultTenantAndNewOnes() {
        String name = unique("listed");
        admin.create("/api/admin/tenants", "{\"name\":\"" + name + "\"}");

        JsonNode list = admin.get("/api/admin/tenants").body().path("data");

        assertThat(list.findValuesAsString("name")).contains("default", name);
    }

    @Test
    void aSecondTenantWithTheSameNameIsAConflict() {
        String name = unique("twice");
        admin.create("/api/admin/tenants", "{\"name\":\"" + name + "\"}");

        Answer second = admin.post("/api/admin/tenants", "{\"name\":\"" + name + "\"}");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.type()).isEqualTo("conflict");
        assertThat(second.message()).contains(name, "already exists");
    }

    @Test
    void theDefaultTenantCannotBeDeleted() {
        Answer answer = admin.delete("/api/admin/tenants/ten_default");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.message()).contains("default tenant");
    }

    @Test
    void aTenantWithTeamsCannotBeDeleted() {
        String tenant = admin.create("/api/admin/tenants", "{\"name\":\"" + unique("parent") + "\"}")
                .path("id").asString();
        admin.create("/api/admin/teams", "{\"tenant_id\":\"" + tenant + "\",\"name\":\"eng\"}");

        Answer answer = admin.delete("/api/admin/tenants/" + tenant);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.message()).contains("team");
    }

    @Test
    void aTeamRoundTripsAndIsListedByTenant() {
        String tenant = admin.create("/api/admin/tenants", "{\"name\":\"" + unique("org") + "\"}")
                .path("id").asString();
        ObjectNode team = admin.create("/api/admin/teams", """
                {"tenant_id":"%s","name":"research","markup":0.5,"max_concurrent":4}""".formatted(tenant));
        String id = team.path("id").asString();

        assertThat(id).startsWith("team_");
        assertThat(team.path("tenant_id").asString()).isEqualTo(tenant);
        assertThat(admin.get("/api/admin/teams?tenant_id=" + tenant).body().path("data").findValuesAsString("id"))
                .containsExactly(id);
        Answer renamed = admin.patch("/api/admin/teams/" + id, "{\"name\":\"science\",\"markup\":null}");
        assertThat(renamed.body().path("name").asString()).isEqualTo("science");
        assertThat(renamed.body().path("markup").isNull()).isTrue();
        assertThat(admin.get("/api/admin/teams/" + id).body()).isEqualTo(renamed.body());
        assertThat(admin.delete("/api/admin/teams/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/admin/teams/" + id).status()).isEqualTo(404);
    }

    @Test
    void aTeamInATenantThatDoesNotExistIsABadRequest() {
        Answer answer = admin.post("/api/admin/teams", "{\"tenant_id\":\"ten_nope\",\"name\":\"x\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("tenant_id", "ten_nope");
    }

    @Test
    void aUserWithoutATenantJoinsTheDefaultTenant() {
        ObjectNode user = admin.create("/api/admin/users", "{\"name\":\"" + unique("alice")
                + "\",\"email\":\"alice@example.com\"}");

        assertThat(user.path("id").asString()).startsWith("usr_");
        assertThat(user.path("tenant_id").asString()).isEqualTo("ten_default");
        assertThat(user.path("team_id").isNull()).isTrue();
        assertThat(user.path("email").asString()).isEqualTo("alice@example.com");
    }

    @Test
    void aUserRoundTripsThroughTeamsAndFilters() {
        String tenant = admin.create("/api/admin/tenants", "{\"name\":\"" + unique("corp") + "\"}")
                .path("id").asString();
        String team = admin.create("/api/admin/teams", "{\"tenant_id\":\"" + tenant + "\",\"name\":\"ops\"}")
                .path("id").asString();
        ObjectNode user = admin.create("/api/admin/users", """
                {"tenant_id":"%s","team_id":"%s","name":"bob","rpm":10}""".formatted(tenant, team));
        String id = user.path("id").asString();

        assertThat(admin.get("/api/admin/users?tenant_id=" + tenant + "&team_id=" + team).body().path("data")
                .findValuesAsString("id")).containsExactly(id);
        assertThat(admin.get("/api/admin/users/" + id).body()).isEqualTo(user);
        Answer moved = admin.patch("/api/admin/users/" + id, "{\"team_id\":null,\"email\":\"bob@example.com\"}");
        assertThat(moved.body().path("team_id").isNull()).isTrue();
        assertThat(moved.body().path("email").asString()).isEqualTo("bob@example.com");
        assertThat(moved.body().path("rpm").asLong()).isEqualTo(10);
        assertThat(admin.get("/api/admin/users?team_id=" + team).body().path("data").size()).isZero();
        assertThat(admin.delete("/api/admin/users/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/admin/users/" + id).status()).isEqualTo(404);
    }

    @Test
    void aUserCannotJoinATeamOfAnotherTenant() {
        String team = admin.create("/api/admin/teams", "{\"tenant_id\":\"ten_default\",\"name\":\""
                + unique("elsewhere") + "\"}").path("id").asString();
        String tenant = admin.create("/api/admin/tenants", "{\"name\":\"" + unique("other") + "\"}")
                .path("id").asString();

        Answer answer = admin.post("/api/admin/users", """
                {"tenant_id":"%s","team_id":"%s","name":"carol"}""".formatted(tenant, team));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("team_id", team);
    }

    @Test
    void aUserWithKeysCannotBeDeleted() {
        String user = admin.create("/api/admin/users", "{\"name\":\"" + unique("owner") + "\"}")
                .path("id").asString();
        admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"}");

        Answer answer = admin.delete("/api/admin/users/" + user);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.message()).contains("key");
    }

    @Test
    void readingWhatDoesNotExistIsNotFound() {
        Answer answer = admin.get("/api/admin/users/usr_missing");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.type()).isEqualTo("not_found");
        assertThat(answer.message()).contains("usr_missing");
    }
}
