package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.admin.AdminApi;
import dev.junction.admin.AdminApi.RouteDecision;
import dev.junction.rbac.DefaultRoles;
import dev.junction.rbac.Permission;
import dev.junction.rbac.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The permission matrix, generated from the admin API's route table: every route × each of the six roles (bound to
 * tenant north) × north's things / south's things, plus an owner bound to every tenant. A role without the route's
 * permission gets 403; with it, an instance route still needs a binding to every tenant (403), and a path naming
 * the other tenant's thing answers 404, as if it did not exist. The key routes that are also open for the caller's
 * own keys ({@code own_keys:*}, the developer's) add a cell: a key of the own tenant that another principal issued,
 * which answers 404 to a role that holds only the own-keys permission; the own-tenant cell then uses a key the role
 * issued itself. A route added without a decision stops the gateway from starting, so it cannot reach this table
 * undecided.
 */
class PermissionMatrixTest {

    private static final String NOTHING = "matrix-none";
    private static Gateway gateway;
    private static Tenancy tenancy;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    /** The key each role that may issue keys issued itself in tenant north. */
    private static final Map<String, String> MINE = new LinkedHashMap<>();
    private static List<RouteDecision> decisions;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        gateway = Gateway.start(AdminHttp.CONFIG, Map.of());
        tenancy = new Tenancy(gateway, "matrix");
        for (Role role : DefaultRoles.ALL) {
            TOKENS.put(role.name(), tenancy.serviceAccount("matrix-" + role.name(), role.name() + "@"
                    + tenancy.a.id("tenant")));
        }
        TOKENS.put("owner@*", tenancy.serviceAccount("matrix-owner-everywhere", "owner@*"));
        for (var entry : TOKENS.entrySet()) {
            Role role = role(entry.getKey());
            if (role.allows(Permission.KEYS_WRITE) || role.allows(Permission.OWN_KEYS_WRITE)) {
                MINE.put(entry.getKey(), new AdminHttp(gateway, entry.getValue()).create("/api/admin/keys",
                        "{\"user_id\":\"" + tenancy.a.id("user") + "\",\"name\":\"mine\"}").path("id").asString());
            }
        }
        var server = gateway.server();
        decisions = new AdminApi(server::runtime, server.health(), server.governance(), server.alerts(),
                server.events(), Optional.empty(), Optional.empty()).routeDecisions();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theTableCoversEveryRouteOfTheOpenApiDocumentAndTheUnlistedOnes() {
        assertThat(decisions).extracting(d -> d.method() + " " + d.path())
                .contains("GET /api/admin/events", "POST /api/admin/playground/chat/completions",
                        "PUT /api/admin/providers/{name}", "GET /api/admin/routes/{name}", "GET /api/admin/me")
                .doesNotHaveDuplicates();
        assertThat(decisions).allSatisfy(d -> assertThat(Permission.byId(d.permission())).isPresent());
    }

    @TestFactory
    Stream<DynamicTest> everyRouteAnswersEveryRoleAsTheTableDecides() {
        List<DynamicTest> cells = new ArrayList<>();
        for (RouteDecision d : decisions) {
            for (var entry : TOKENS.entrySet()) {
                String role = entry.getKey();
                List<Cell> kinds = !d.reach().equals("path") ? List.of(Cell.OWN_TENANT)
                        : d.own().isPresent() ? List.of(Cell.OWN_TENANT, Cell.ANOTHERS_KEY, Cell.OTHER_TENANT)
                        : List.of(Cell.OWN_TENANT, Cell.OTHER_TENANT);
                for (Cell cell : kinds) {
                    String name = d.method() + " " + d.path() + " as " + role + (d.reach().equals("path")
                            ? ", " + cell.label : "");
                    cells.add(DynamicTest.dynamicTest(name, () -> check(d, role, entry.getValue(), cell)));
                }
            }
        }
        return cells.stream();
    }

    /** Which of the path's things a cell names. */
    private enum Cell {
        /** The role's own tenant's thing (for a key route with an own-keys alternative: a key the role issued). */
        OWN_TENANT("own tenant"),
        /** A key of the role's own tenant that another principal issued. */
        ANOTHERS_KEY("own tenant, another's key"),
        /** The other tenant's thing. */
        OTHER_TENANT("other tenant");

        private final String label;

        Cell(String label) {
            this.label = label;
        }
    }

    private static Role role(String name) {
        return name.equals("owner@*") ? DefaultRoles.OWNER : DefaultRoles.named(name).orElseThrow();
    }

    /** Whether the role holds the route's permission itself (not only its own-keys alternative). */
    private static boolean holdsFully(RouteDecision d, String role) {
        return role(role).allows(Permission.byId(d.permission()).orElseThrow());
    }

    private static void check(RouteDecision d, String role, String token, Cell cell) throws Exception {
        boolean everywhere = role.equals("owner@*");
        Role r = role(role);
        boolean holdsAll = r.allows(Permission.byId(d.permission()).orElseThrow());
        boolean holdsOwn = d.own().flatMap(Permission::byId).filter(r::allows).isPresent();
        boolean holds = holdsAll || holdsOwn;
        boolean own = cell != Cell.OTHER_TENANT;
        int status = call(d, role, token, cell);
        String why = d.method() + " " + d.path() + " as " + role + " (" + cell.label + ")";
        switch (d.reach()) {
            case "signed_in" -> assertThat(status).as(why).isEqualTo(200);
            case "instance" -> {
                if (everywhere) {
                    assertThat(status).as(why).isNotIn(401, 403);
                } else {
                    assertThat(status).as(why).isEqualTo(403);
                }
            }
            case "path" -> {
                if (!holds) {
                    assertThat(status).as(why).isEqualTo(403);
                } else if (!own && !everywhere) {
                    assertThat(status).as(why).isEqualTo(404);
                } else if (cell == Cell.ANOTHERS_KEY && !holdsAll) {
                    assertThat(status).as(why + ": only its own keys").isEqualTo(404);
                } else if (d.method().equals("GET")) {
                    assertThat(status).as(why).isEqualTo(200);
                } else {
                    assertThat(status).as(why).isNotIn(401, 403);
                }
            }
            default -> {
                if (holds) {
                    assertThat(status).as(why).isNotIn(401, 403);
                } else {
                    assertThat(status).as(why).isEqualTo(403);
                }
            }
        }
    }

    /**
     * Calls the route: reads with the tenant's real things; writes with a body of an unknown field (refused after
     * the check, so nothing changes) and deletes, revocations and resets with an id that names nothing, so that an
     * allowed call never destroys the fixtures.
     */
    private static int call(RouteDecision d, String role, String token, Cell cell) throws Exception {
        boolean read = d.method().equals("GET");
        boolean destructive = d.method().equals("DELETE") || d.path().endsWith("/revoke")
                || d.path().endsWith("/reset");
        String path = d.path();
        for (String param : List.of("id", "name", "model")) {
            String value = NOTHING;
            boolean real = switch (cell) {
                case OWN_TENANT -> read || !destructive;
                case ANOTHERS_KEY -> read || !destructive || !holdsFully(d, role); // refused: nothing destroyed
                case OTHER_TENANT -> true;
            };
            if (d.reach().equals("path") && param.equals("id") && real) {
                String target = d.target().orElseThrow();
                value = switch (cell) {
                    case OWN_TENANT -> d.own().isPresent() ? MINE.getOrDefault(role, tenancy.a.id(target))
                            : tenancy.a.id(target);
                    case ANOTHERS_KEY -> tenancy.a.id(target);
                    case OTHER_TENANT -> tenancy.b.id(target);
                };
            }
            path = path.replace("{" + param + "}", param.equals("model") ? "matrix/none" : value);
        }
        path = path.replaceAll("\\{[A-Za-z][A-Za-z0-9]*}", NOTHING); // any other parameter names nothing
        boolean body = !read && !d.method().equals("DELETE") && !destructive;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(20)).header("authorization", "Bearer " + token)
                .method(d.method(), body ? HttpRequest.BodyPublishers.ofString("{\"matrix_unknown_field\":1}")
                        : HttpRequest.BodyPublishers.noBody());
        if (body) {
            request.header("content-type", "application/json");
        }
        if (d.path().equals("/api/admin/events")) {
            // A stream that never ends: its status is all this needs.
            HttpResponse<java.io.InputStream> stream = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            stream.body().close();
            return stream.statusCode();
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
