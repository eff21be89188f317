package dev.junction.admin;

import dev.junction.alert.AlertService;
import dev.junction.alert.AnnouncementClaims;
import dev.junction.alert.GovernanceProbes;
import dev.junction.alert.StoredAlerts;
import dev.junction.config.AlertSettings;
import dev.junction.events.EventBus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ConfigLoader;
import dev.junction.events.EventBus;
import dev.junction.governance.Governance;
import dev.junction.json.Json;
import dev.junction.provider.ProviderCatalog;
import dev.junction.routing.health.HealthPolicy;
import dev.junction.routing.health.HealthRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The bundled OpenAPI document describes exactly the endpoints the admin API mounts, and is OpenAPI 3.1. */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @TempDir
    static Path dataDir;

    private static JsonNode document;
    private static Governance governance;
    private static List<AdminRoute> routes;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = AdminApi.class.getResourceAsStream("/dev/junction/admin/openapi.json")) {
            document = Json.MAPPER.readTree(in);
        }
        var settings = new ConfigLoader(ProviderCatalog.bundled(), Map.of("JUNCTION_DATA_DIR", dataDir.toString(),
                "JUNCTION_SECRET_KEY", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))
                .load(Optional.empty()).governance();
        governance = Governance.start(settings, Optional.empty(), Clock.systemUTC());
        routes = new AdminApi(() -> null, new HealthRegistry(HealthPolicy.DEFAULTS), governance,
                new AlertService(AlertSettings.DEFAULT, new EventBus(), new GovernanceProbes(governance, false),
                        StoredAlerts.NONE, AnnouncementClaims.ALWAYS, Clock.systemUTC(), "test"), new EventBus(),
                Optional.empty(), Optional.empty())
                .routes();
    }

    @AfterAll
    static void close() {
        governance.close();
    }

    @Test
    void theDocumentIsOpenApi31() {
        assertThat(document.path("openapi").asString()).matches("3\\.1\\.\\d+");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
    }

    @Test
    void everyMountedEndpointIsDescribed() {
        List<String> missing = new ArrayList<>();
        for (AdminRoute route : routes) {
            String method = route.method().name().toLowerCase(Locale.ROOT);
            if (!document.path("paths").path(route.path()).has(method)) {
                missing.add(route.method() + " " + route.path());
            }
        }

        assertThat(routes).isNotEmpty();
        assertThat(missing).isEmpty();
    }

    @Test
    void everyDescribedOperationIsMounted() {
        Set<String> mounted = new TreeSet<>();
        routes.forEach(r -> mounted.add(r.method().name().toLowerCase(Locale.ROOT) + " " + r.path()));
        mounted.add("get /api/admin/openapi.json");
        mounted.add("get " + dev.junction.live.LiveEvents.PATH);
        mounted.add("post " + PlaygroundEndpoint.PATH);
        mounted.add("get " + ExportsResource.REQUESTS);
        mounted.add("get " + ExportsResource.COSTS);
        mounted.addAll(StoredConfigResource.OPERATIONS);
        for (String method : List.of("get", "post", "delete")) {
            mounted.add(method + " " + SessionResource.PATH);
        }
        for (String path : List.of(SsoResource.PATH, SsoResource.START, SsoResource.CALLBACK)) {
            mounted.add("get " + path);
        }
        Set<String> described = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().propertyNames().stream()
                .filter(METHODS::contains).forEach(m -> described.add(m + " " + path.getKey())));

        assertThat(described).isEqualTo(mounted);
    }

    @Test
    void everyReferenceResolvesInsideTheDocument() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertThat(refs).isNotEmpty();
        assertThat(refs).allSatisfy(ref -> {
            assertThat(ref).startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        });
    }

    @Test
    void everyOperationAnswersErrorsInTheErrorShape() {
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            boolean signOut = path.getKey().equals(SessionResource.PATH) && op.getKey().equals("delete");
            // Single sign-on's endpoints are asked before signing in, and its browser pages answer in HTML.
            boolean sso = path.getKey().startsWith(SsoResource.PATH);
            if (METHODS.contains(op.getKey()) && !path.getKey().endsWith("openapi.json") && !signOut && !sso) {
                assertThat(op.getValue().path("responses").has("401")).as(op.getKey() + " " + path.getKey()).isTrue();
            }
        }));
        assertThat(document.at("/components/responses/BadRequest/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Error");
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asString());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
