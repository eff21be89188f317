package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.AdminHttp.Answer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad admin requests get a 400 (or 401, 404, 413) whose message names what is wrong. */
class AdminValidationTest {

    private static Gateway gateway;
    private static AdminHttp admin;
    private static String user;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(AdminHttp.CONFIG, Map.of());
        admin = new AdminHttp(gateway);
        user = admin.create("/api/admin/users", "{\"name\":\"validated\"}").path("id").asString();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static void assertBadRequest(Answer answer, String... mentions) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("invalid_request");
        assertThat(answer.message()).contains(mentions);
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        assertBadRequest(admin.post("/api/admin/tenants", "{\"name\":\"x\",\"colour\":\"red\"}"),
                "Unknown field 'colour'", "markup");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedByName() {
        assertBadRequest(admin.post("/api/admin/users", "{\"name\":\"y\",\"rpm\":\"fast\"}"),
                "'rpm' must be an integer, got a string");
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertBadRequest(admin.post("/api/admin/users", "{\"name\":\"z\",\"tpm\":0}"), "'tpm' must be at least 1");
    }

    @Test
    void aMissingNameIsRefused() {
        assertBadRequest(admin.post("/api/admin/tenants", "{\"markup\":0.1}"), "'name' is required");
    }

    @Test
    void anUnknownBudgetPeriodIsRefused() {
        assertBadRequest(admin.post("/api/admin/budgets", """
                {"scope":"user","scope_id":"%s","amount_usd":5,"period":"fortnightly"}""".formatted(user)),
                "'period' must be one of daily, weekly, monthly, total", "fortnightly");
    }

    @Test
    void anUnknownTimeZoneIsRefused() {
        assertBadRequest(admin.post("/api/admin/budgets", """
                {"scope":"user","scope_id":"%s","amount_usd":5,"period":"daily","time_zone":"Mars/Olympus"}"""
                .formatted(user)), "time_zone", "Mars/Olympus");
    }

    @Test
    void aNegativeBudgetIsRefused() {
        assertBadRequest(admin.post("/api/admin/budgets", """
                {"scope":"user","scope_id":"%s","amount_usd":-1,"period":"daily"}""".formatted(user)), "amount_usd");
    }

    @Test
    void aBudgetForASubjectThatDoesNotExistIsRefused() {
        assertBadRequest(admin.post("/api/admin/budgets",
                "{\"scope\":\"team\",\"scope_id\":\"team_nope\",\"amount_usd\":5,\"period\":\"daily\"}"),
                "scope_id", "team_nope");
    }

    @Test
    void aBadCidrIsRefused() {
        assertBadRequest(admin.post("/api/admin/keys", """
                {"user_id":"%s","ip_allow":["10.0.0.0/33"]}""".formatted(user)), "ip_allow", "10.0.0.0/33");
    }

    @Test
    void aHostNameInTheAllowListIsRefused() {
        assertBadRequest(admin.post("/api/admin/keys", """
                {"user_id":"%s","ip_allow":["example.com"]}""".formatted(user)), "ip_allow", "example.com");
    }

    @Test
    void aKeyForAUserThatDoesNotExistIsRefused() {
        assertBadRequest(admin.post("/api/admin/keys", "{\"user_id\":\"usr_nobody\"}"), "user_id", "usr_nobody");
    }

    @Test
    void aKeyWithoutAUserIsRefused() {
        assertBadRequest(admin.post("/api/admin/keys", "{\"name\":\"orphan\"}"), "'user_id' is required");
    }

    @Test
    void anExpiryInThePastIsRefused() {
        assertBadRequest(admin.post("/api/admin/keys", """
                {"user_id":"%s","expires_at":"2001-01-01T00:00:00Z"}""".formatted(user)), "expires_at", "future");
    }

    @Test
    void anExpiryGivenTwoWaysIsRefused() {
        assertBadRequest(admin.post("/api/admin/keys", """
                {"user_id":"%s","expires_at":"2099-01-01T00:00:00Z","expires_in":"30d"}""".formatted(user)),
                "expires_at", "expires_in");
    }

    @Test
    void aLifetimeWithoutAUnitIsRefused() {
        assertBadRequest(admin.post("/api/admin/keys", """
                {"user_id":"%s","expires_in":"30"}""".formatted(user)), "expires_in", "30d");
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        assertBadRequest(admin.post("/api/admin/tenants", "{\"name\":"), "not valid JSON");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertBadRequest(admin.post("/api/admin/tenants", "[1,2]"), "JSON object");
    }

    @Test
    void anUnknownQueryParameterIsRefused() {
        assertBadRequest(admin.get("/api/admin/keys?user=" + user), "Unknown query parameter 'user'", "user_id");
    }

    @Test
    void aTimeThatIsNotRfc3339IsRefused() {
        assertBadRequest(admin.get("/api/admin/requests?from=yesterday"), "'from'", "RFC 3339");
    }

    @Test
    void aPageLargerThanTheMaximumIsRefused() {
        assertBadRequest(admin.get("/api/admin/requests?limit=5000"), "'limit' must be 1 to 1000");
    }

    @Test
    void aBodyOverOneMebibyteIsTooLarge() {
        String huge = "{\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";

        Answer answer = admin.post("/api/admin/tenants", huge);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.type()).isEqualTo("payload_too_large");
    }

    @Test
    void aCallWithoutTheAdminKeyIsUnauthorized() {
        HttpResponse<String> response = gateway.request("POST", "/api/admin/tenants",
                "{\"name\":\"" + UUID.randomUUID() + "\"}", "authorization", "Bearer wrong");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(admin.get("/api/admin/tenants").text()).doesNotContain("wrong");
    }

    @Test
    void anUnknownAdminPathIsNotFound() {
        Answer answer = admin.get("/api/admin/planets");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.type()).isEqualTo("not_found");
    }

    @Test
    void theEnvironmentsAdminKeyActsAsAdmin() {
        try (Gateway own = Gateway.start("", Map.of("JUNCTION_ADMIN_KEY", "env-admin-0123456789abcdef"))) {
            own.request("POST", "/api/admin/tenants", "{\"name\":\"by-env\"}",
                    "authorization", "Bearer env-admin-0123456789abcdef");

            HttpResponse<String> audit = own.request("GET", "/api/admin/audit?limit=1", null,
                    "x-api-key", "env-admin-0123456789abcdef");

            assertThat(dev.junction.json.Json.tryParse(audit.body()).orElseThrow().at("/data/0/actor").asString())
                    .isEqualTo("admin");
        }
    }
}
