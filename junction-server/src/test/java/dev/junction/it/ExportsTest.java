package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.entity.Attribution;
import dev.junction.json.Json;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import dev.junction.store.JdbcRequestLogSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The exports of the request log and of the costs, as CSV and JSON lines: streamed across pages (more entries than
 * one page holds), narrowed to the caller's tenants server-side (two tenants with identical names of things), never
 * with bodies, open to the billing, analyst and tenant-admin roles and not to a developer, and refused with a 400
 * for bad parameters before anything is streamed.
 */
class ExportsTest {

    /** More than two pages of the export (500 rows each). */
    private static final int BULK = 1_100;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Gateway gateway;
    private static Tenancy tenancy;
    private static String range;

    @BeforeAll
    static void start() throws Exception {
        gateway = Gateway.start(AdminHttp.CONFIG, Map.of());
        tenancy = new Tenancy(gateway, "exports");
        Instant now = Instant.now();
        List<LoggedRequest> bulk = new ArrayList<>();
        for (int i = 0; i < BULK; i++) {
            bulk.add(new LoggedRequest("bulk-" + i, now.minusSeconds(60 + i), new Attribution("laptop",
                    Optional.of(tenancy.a.id("key")), Optional.of(tenancy.a.id("user")), Optional.of(tenancy.a.id("team")),
                    Optional.of(tenancy.a.id("tenant"))), "/v1/chat/completions", "mock/echo", "mock", "mock/echo",
                    "echo", false, false, 200, 12, 5, new Usage(10, 5, 0, 0, 0), new Costs(1_000, 2_000, 3_000),
                    "mock/echo=200@12ms", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        }
        new JdbcRequestLogSink(gateway.server().governance().database()).write(bulk);
        range = "from=" + now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS) + "&to="
                + now.plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> export(String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String role) {
        return tenancy.serviceAccount("export-" + role + "-" + System.nanoTime(), role + "@" + tenancy.a.id("tenant"));
    }

    private static List<JsonNode> lines(HttpResponse<String> response) {
        return response.body().lines().map(l -> Json.tryParse(l).orElseThrow(() -> new AssertionError(l))).toList();
    }

    @Test
    void theRequestLogExportsAsCsvAcrossPagesWithOnlyTheCallersTenant() throws Exception {
        HttpResponse<String> csv = export(token("tenant-admin"), "/api/admin/exports/requests?format=csv&" + range);

        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("content-disposition").orElseThrow()).contains("attachment")
                .contains(".csv");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.getFirst()).startsWith("request_id,started_at,tenant_id,team_id,user_id,key_id,");
        assertThat(rows).hasSize(1 + BULK + 1); // the header, the bulk, the fixture's one request
        assertThat(rows.stream().skip(1).map(r -> r.split(",")[2]).distinct()).containsExactly(tenancy.a.id("tenant"));
        assertThat(rows.stream().skip(1).map(r -> r.split(",")[0]).distinct()).hasSize(BULK + 1);
        assertThat(csv.body()).contains(tenancy.a.id("request")).doesNotContain(tenancy.b.id("request"))
                .doesNotContain(tenancy.b.id("tenant")).doesNotContain("secret of");
    }

    @Test
    void theRequestLogExportsAsJsonLinesAndAnotherTenantsFilterReadsNothing() throws Exception {
        String analyst = token("analyst");

        HttpResponse<String> jsonl = export(analyst, "/api/admin/exports/requests?format=jsonl&" + range);
        HttpResponse<String> elsewhere = export(analyst, "/api/admin/exports/requests?format=jsonl&tenant_id="
                + tenancy.b.id("tenant") + "&" + range);

        assertThat(jsonl.statusCode()).isEqualTo(200);
        assertThat(jsonl.headers().firstValue("content-type").orElseThrow()).startsWith("application/x-ndjson");
        List<JsonNode> entries = lines(jsonl);
        assertThat(entries).hasSize(BULK + 1);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.path("tenant_id").asString()).isEqualTo(tenancy.a.id("tenant"));
            assertThat(e.has("request_body")).isFalse();
        });
        assertThat(elsewhere.statusCode()).isEqualTo(200);
        assertThat(elsewhere.body()).isEmpty();
    }

    @Test
    void costsExportPerDayAndKeyForTheCallersTenantAndEveryTenantForTheOwner() throws Exception {
        HttpResponse<String> billing = export(token("billing"), "/api/admin/exports/costs?format=jsonl&" + range);
        HttpResponse<String> owner = export(AdminHttp.KEY, "/api/admin/exports/costs?format=jsonl&" + range);

        assertThat(billing.statusCode()).as(billing.body()).isEqualTo(200);
        List<JsonNode> rows = lines(billing);
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.path("tenant_id").asString())
                .isEqualTo(tenancy.a.id("tenant")));
        assertThat(rows.stream().mapToLong(r -> r.path("requests").asLong()).sum()).isEqualTo(BULK + 1);
        assertThat(rows.stream().mapToDouble(r -> r.path("charged_usd").asDouble()).sum())
                .isGreaterThanOrEqualTo(BULK * 3_000 / 1e9);
        assertThat(rows.getFirst().path("day").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(lines(owner).stream().map(r -> r.path("tenant_id").asString()).distinct())
                .contains(tenancy.a.id("tenant"), tenancy.b.id("tenant"));
    }

    @Test
    void aDeveloperMayNotExportAndBadParametersAreA400BeforeAnythingIsStreamed() throws Exception {
        assertThat(export(token("developer"), "/api/admin/exports/requests").statusCode()).isEqualTo(403);
        String admin = token("tenant-admin");
        for (String bad : List.of("?format=xlsx", "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "?limit=5",
                "?from=yesterday")) {
            for (String path : List.of("/api/admin/exports/requests", "/api/admin/exports/costs")) {
                HttpResponse<String> answer = export(admin, path + bad);
                assertThat(answer.statusCode()).as(path + bad + ": " + answer.body()).isEqualTo(400);
                assertThat(Json.tryParse(answer.body()).orElseThrow().at("/error/type").asString())
                        .isEqualTo("invalid_request");
            }
        }
        assertThat(export(admin, "/api/admin/exports/costs?from=2020-01-01T00:00:00Z").statusCode()).isEqualTo(400);
    }
}
