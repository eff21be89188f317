package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.AdminHttp.Answer;
import dev.junction.json.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Budgets (with the ledger's live state) and price overrides through the admin API. */
class AdminBudgetsAndPricesTest {

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

    private static String newUser() {
        return admin.create("/api/admin/users", "{\"name\":\"u-" + UUID.randomUUID() + "\"}").path("id").asString();
    }

    @Test
    void aBudgetIsAnsweredWithItsCurrentPeriod() {
        String user = newUser();

        ObjectNode budget = admin.create("/api/admin/budgets", """
                {"scope":"user","scope_id":"%s","amount_usd":25.5,"period":"monthly","time_zone":"Europe/Berlin"}"""
                .formatted(user));

        assertThat(budget.path("id").asString()).startsWith("bud_");
        assertThat(budget.path("amount_usd").asDouble()).isEqualTo(25.5);
        assertThat(budget.path("time_zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(budget.path("spent_usd").asDouble()).isZero();
        assertThat(budget.path("reserved_usd").asDouble()).isZero();
        assertThat(budget.path("remaining_usd").asDouble()).isEqualTo(25.5);
        Instant start = Instant.parse(budget.path("period_start").asString());
        Instant resets = Instant.parse(budget.path("resets_at").asString());
        assertThat(start).isBefore(Instant.now());
        assertThat(resets).isAfter(Instant.now());
    }

    @Test
    void aTotalBudgetNeverResets() {
        ObjectNode budget = admin.create("/api/admin/budgets", """
                {"scope":"user","scope_id":"%s","amount_usd":1,"period":"total"}""".formatted(newUser()));

        assertThat(budget.path("resets_at").isNull()).isTrue();
        assertThat(budget.path("time_zone").asString()).isEqualTo("UTC");
    }

    @Test
    void aBudgetRoundTripsThroughListReadUpdateAndDelete() {
        String user = newUser();
        String id = admin.create("/api/admin/budgets", """
                {"scope":"user","scope_id":"%s","amount_usd":10,"period":"daily"}""".formatted(user))
                .path("id").asString();

        JsonNode listed = admin.get("/api/admin/budgets?scope=user&scope_id=" + user).body().path("data");
        assertThat(listed.findValuesAsString("id")).containsExactly(id);
        assertThat(listed.get(0).has("remaining_usd")).isTrue();
        Answer patched = admin.patch("/api/admin/budgets/" + id, "{\"amount_usd\":12.5,\"period\":\"weekly\"}");
        assertThat(patched.body().path("amount_usd").asDouble()).isEqualTo(12.5);
        assertThat(patched.body().path("period").asString()).isEqualTo("weekly");
        assertThat(patched.body().path("remaining_usd").asDouble()).isEqualTo(12.5);
        assertThat(admin.get("/api/admin/budgets/" + id).body().path("period").asString()).isEqualTo("weekly");
        assertThat(admin.delete("/api/admin/budgets/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/admin/budgets/" + id).status()).isEqualTo(404);
    }

    @Test
    void aSecondBudgetForTheSameSubjectAndPeriodIsAConflict() {
        String body = "{\"scope\":\"user\",\"scope_id\":\"" + newUser() + "\",\"amount_usd\":5,\"period\":\"daily\"}";
        admin.create("/api/admin/budgets", body);

        Answer second = admin.post("/api/admin/budgets", body);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.message()).contains("already has a daily budget");
    }

    @Test
    void aBudgetOfAKeyStopsItsRequestsOnceSpent() {
        ObjectNode key = admin.create("/api/admin/keys", "{\"user_id\":\"" + newUser() + "\"}");
        admin.create("/api/admin/budgets", """
                {"scope":"key","scope_id":"%s","amount_usd":0,"period":"daily"}""".formatted(key.path("id").asString()));
        admin.put("/api/admin/prices/mock/echo", "{\"input\":1,\"output\":1}");

        var response = gateway.post("/v1/chat/completions",
                "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization", "Bearer " + key.path("key").asString());

        assertThat(response.statusCode()).isEqualTo(429);
    }

    @Test
    void aPriceRoundTripsThroughPutListReadAndDelete() {
        String model = "acme/model-" + UUID.randomUUID();

        Answer put = admin.put("/api/admin/prices/" + model, "{\"input\":2.5,\"output\":10,\"cached_read\":1.25}");

        ObjectNode expected = Json.object().put("model", model).put("input", 2.5).put("output", 10.0)
                .put("cached_read", 1.25).putNull("cache_write").putNull("reasoning").putNull("per_image")
                .putNull("per_second");
        expected.putObject("units");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body()).isEqualTo(expected);
        assertThat(admin.get("/api/admin/prices/" + model).body()).isEqualTo(expected);
        assertThat(admin.get("/api/admin/prices").body().path("data").findValuesAsString("model")).contains(model);
        Answer replaced = admin.put("/api/admin/prices/" + model, "{\"input\":3,\"output\":12}");
        assertThat(replaced.body().path("cached_read").isNull()).isTrue();
        assertThat(admin.delete("/api/admin/prices/" + model).status()).isEqualTo(204);
        assertThat(admin.get("/api/admin/prices/" + model).status()).isEqualTo(404);
        assertThat(admin.delete("/api/admin/prices/" + model).status()).isEqualTo(404);
    }

    @Test
    void aPriceKeepsItsUnitPricesAndShowsThePlainOnesInTheOlderFields() {
        String model = "acme/image-" + UUID.randomUUID();

        Answer put = admin.put("/api/admin/prices/" + model, """
                {"input":0,"output":0,"per_image":0.04,"per_million_characters":15,
                 "units":{"image:1024x1024:hd":0.08,"search_unit":0.002}}""");

        assertThat(put.status()).isEqualTo(200);
        ObjectNode units = Json.object().put("character", 0.000015).put("image", 0.04).put("image:1024x1024:hd", 0.08)
                .put("search_unit", 0.002);
        assertThat(put.body().path("units")).isEqualTo(units);
        assertThat(put.body().path("per_image").asDouble()).isEqualTo(0.04);
        assertThat(put.body().path("per_second").isNull()).isTrue();
        assertThat(admin.get("/api/admin/prices/" + model).body().path("units")).isEqualTo(units);
    }

    @Test
    void aBadlyNamedUnitIsABadRequest() {
        Answer answer = admin.put("/api/admin/prices/acme/y", """
                {"input":1,"output":1,"units":{"image::hd":1}}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("price.units.image::hd");
    }

    @Test
    void aPriceWithoutAnOutputPriceIsABadRequest() {
        Answer answer = admin.put("/api/admin/prices/acme/x", "{\"input\":1}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("'output' is required");
    }
}
