package dev.junction.admin;

import static dev.junction.admin.StoredConfigReplies.bodyObject;
import static dev.junction.admin.StoredConfigReplies.declaredElsewhere;
import static dev.junction.admin.StoredConfigReplies.error;
import static dev.junction.admin.StoredConfigReplies.invalid;
import static dev.junction.admin.StoredConfigReplies.send;
import static dev.junction.admin.StoredConfigReplies.view;

import dev.junction.config.ConfigLayers.Source;
import dev.junction.config.GatewayConfig;
import dev.junction.config.StoredConfigMerger;
import dev.junction.config.StoredProvider;
import dev.junction.config.StoredRoute;
import dev.junction.governance.Governance;
import dev.junction.governance.GovernanceSnapshot;
import dev.junction.json.Json;
import dev.junction.provider.ProviderCatalog;
import dev.junction.replica.Confirmation;
import dev.junction.runtime.GatewayRuntime;
import dev.junction.store.StoreConflict;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin endpoints for providers and routes stored in the database ({@code /api/admin/providers},
 * {@code /api/admin/routes}). A definition is the JSON form of a {@code providers.<name>} or {@code routes.<name>}
 * block of the YAML file, validated by the same readers before anything is stored (400 listing the problems); a name
 * the file or the environment declares is read-only here (409). A provider's {@code api_key} is sealed with the
 * gateway's secret key before it is stored and never shown again. Each write stores the change and its audit entry in
 * one transaction, then is put in force: the answer is sent once this replica and every live replica serve it, or
 * says in its headers which did not confirm ({@link Governance#propagate}).
 *
 * <p>Mount it behind the admin-key authentication: it checks no key itself. The audit actor is the routing-context
 * value {@value #ACTOR} when the authentication put an {@link Actor} there, else {@code admin}. Handlers run on the event
 * loop and only read memory there; the store work runs on the database threads.
 */
public final class StoredConfigResource {

    /** The routing-context key of the authenticated admin ({@link Actor}), used as the audit actor. */
    public static final String ACTOR = "junction.admin";

    private static final Logger LOG = LoggerFactory.getLogger(StoredConfigResource.class);

    /** The operations {@link #mount} adds, as {@code method path-template}: the OpenAPI document describes each. */
    static final List<String> OPERATIONS = List.of("get /api/admin/providers", "get /api/admin/providers/{name}",
            "put /api/admin/providers/{name}", "delete /api/admin/providers/{name}", "get /api/admin/routes",
            "get /api/admin/routes/{name}", "put /api/admin/routes/{name}", "delete /api/admin/routes/{name}");

    private static final String PROVIDER_PATH = "/api/admin/providers/(?<name>[^/]+)";
    private static final String ROUTE_PATH = "/api/admin/routes/(?<name>.+)";

    /** The method and path pattern of every endpoint {@link #mount} adds, for the 405s of the others. */
    static final List<Map.Entry<HttpMethod, String>> MOUNTED = List.of(
            Map.entry(HttpMethod.GET, "/api/admin/providers"), Map.entry(HttpMethod.GET, PROVIDER_PATH),
            Map.entry(HttpMethod.PUT, PROVIDER_PATH), Map.entry(HttpMethod.DELETE, PROVIDER_PATH),
            Map.entry(HttpMethod.GET, "/api/admin/routes"), Map.entry(HttpMethod.GET, ROUTE_PATH),
            Map.entry(HttpMethod.PUT, ROUTE_PATH), Map.entry(HttpMethod.DELETE, ROUTE_PATH));

    private final Supplier<GatewayRuntime> runtime;
    private final Governance governance;
    private final StoredConfigMerger merger;
    private final StoredConfigWrites writes;

    /**
     * @param runtime the runtime in effect, read per request; it must be in place already (its governance, which
     *     lives as long as the process, is taken now)
     */
    public StoredConfigResource(Supplier<GatewayRuntime> runtime) {
        this.runtime = runtime;
        this.governance = runtime.get().governance();
        this.merger = new StoredConfigMerger(ProviderCatalog.bundled(), governance.secrets());
        this.writes = new StoredConfigWrites(governance.database(), governance.store());
    }

    /** Mounts the endpoints; call it after the admin-key authentication handler and before any catch-all. */
    public void mount(Router router) {
        router.get("/api/admin/providers").handler(ctx -> send(ctx, 200, StoredConfigViews.providersInReach(
                StoredConfigViews.providers(config(), governance.snapshot()), Call.reach(ctx))));
        router.getWithRegex(PROVIDER_PATH).handler(ctx -> view(ctx, "provider", 200,
                StoredConfigViews.provider(config(), governance.snapshot(), ctx.pathParam("name"))
                        .filter(v -> StoredConfigViews.providerInReach(v, Call.reach(ctx)))));
        router.putWithRegex(PROVIDER_PATH).handler(this::putProvider);
        router.deleteWithRegex(PROVIDER_PATH).handler(this::deleteProvider);
        router.get("/api/admin/routes").handler(ctx -> send(ctx, 200,
                StoredConfigViews.routes(config(), governance.snapshot())));
        router.getWithRegex(ROUTE_PATH).handler(ctx -> view(ctx, "route", 200,
                StoredConfigViews.route(config(), governance.snapshot(), ctx.pathParam("name"))));
        router.putWithRegex(ROUTE_PATH).handler(this::putRoute);
        router.deleteWithRegex(ROUTE_PATH).handler(this::deleteRoute);
    }

    private void putProvider(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Optional<Boolean> dryRun = dryRun(ctx);
        if (dryRun.isEmpty()) {
            return;
        }
        Optional<ObjectNode> body = bodyObject(ctx);
        if (body.isEmpty() || declaredElsewhere(ctx, config().layers().providerSource(name))) {
            return;
        }
        JsonNode tenantNode = body.get().remove("tenant_id");
        if (tenantNode != null && !tenantNode.isNull()
                && (!tenantNode.isString() || tenantNode.stringValue().isBlank())) {
            error(ctx, 400, "invalid_request", "tenant_id: expected a tenant's id, or null for a shared provider");
            return;
        }
        Optional<String> tenant = Optional.ofNullable(tenantNode).filter(JsonNode::isString)
                .map(JsonNode::stringValue);
        JsonNode keyNode = body.get().remove("api_key");
        if (keyNode != null && !keyNode.isNull() && (!keyNode.isString() || keyNode.stringValue().isBlank())) {
            error(ctx, 400, "invalid_request", "api_key: expected a non-empty string");
            return;
        }
        Optional<String> sealed = Optional.ofNullable(keyNode).filter(JsonNode::isString)
                .map(k -> governance.secrets().seal(k.stringValue(), StoredConfigMerger.keyBinding(name)));
        JsonNode audited = StoredConfigViews.maskSecrets(body.get().deepCopy());
        boolean pooled = body.get().has("api_keys"); // a pool replaces a single key kept from before
        String definition = Json.write(StoredConfigMerger.sealKeys(StoredConfigMerger.sealHeaders(body.get(), name,
                governance.secrets()), name, governance.secrets()));
        GovernanceSnapshot snapshot = governance.snapshot();
        List<StoredProvider> providers = new ArrayList<>(snapshot.storedProviders());
        Optional<String> keptKey = pooled ? Optional.empty() : providers.stream()
                .filter(p -> p.name().equals(name)).findFirst().flatMap(StoredProvider::apiKeyCiphertext);
        providers.removeIf(p -> p.name().equals(name));
        providers.add(new StoredProvider(name, definition, sealed.or(() -> keptKey), tenant));
        GatewayConfig trial = merger.merge(config(), providers, snapshot.storedRoutes());
        if (dryRun.get()) {
            dryRunAnswer(ctx, trial, "providers." + name);
            return;
        }
        if (invalid(ctx, trial, "providers." + name)) {
            return;
        }
        String actor = actor(ctx);
        write(ctx, () -> writes.putProvider(actor, name, definition, sealed, pooled, audited, tenant),
                created -> view(ctx, "provider", created ? 201 : 200, StoredConfigViews.provider(config(),
                        governance.snapshot(), name)));
    }

    private void putRoute(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Optional<Boolean> dryRun = dryRun(ctx);
        if (dryRun.isEmpty()) {
            return;
        }
        Optional<ObjectNode> body = bodyObject(ctx);
        if (body.isEmpty() || declaredElsewhere(ctx, config().layers().routeSource(name))) {
            return;
        }
        String aliasOf = config().aliases().get(name);
        if (aliasOf != null) { // the trial merge would blame the route declaring the alias, not this one
            error(ctx, 409, "conflict", "'" + name + "' is an alias of route '" + aliasOf + "'"
                    + (config().layers().routeSource(aliasOf).orElse(Source.STORE) == Source.STORE ? "."
                    : ", declared in the configuration file; edit the file."));
            return;
        }
        GovernanceSnapshot snapshot = governance.snapshot();
        List<StoredRoute> routes = new ArrayList<>(snapshot.storedRoutes());
        routes.removeIf(r -> r.name().equals(name));
        routes.add(new StoredRoute(name, Json.write(body.get())));
        GatewayConfig trial = merger.merge(config(), snapshot.storedProviders(), routes);
        if (dryRun.get()) {
            dryRunAnswer(ctx, trial, "routes." + name);
            return;
        }
        if (invalid(ctx, trial, "routes." + name)) {
            return;
        }
        String actor = actor(ctx);
        write(ctx, () -> writes.putRoute(actor, name, body.get()), created -> view(ctx, "route",
                created ? 201 : 200, StoredConfigViews.route(config(), governance.snapshot(), name)));
    }

    /**
     * The {@code dry_run} query parameter of a {@code PUT}, the only one it takes (a typo such as {@code dryrun=true}
     * must not store the definition); empty after answering 400.
     */
    private static Optional<Boolean> dryRun(RoutingContext ctx) {
        var params = ctx.queryParams();
        for (String param : params.names()) {
            if (!param.equals("dry_run")) {
                error(ctx, 400, "invalid_request", "Unknown query parameter '" + param + "'; expected dry_run.");
                return Optional.empty();
            }
        }
        String value = params.get("dry_run");
        if (value == null || value.equals("false")) {
            return Optional.of(false);
        }
        if (value.equals("true") || value.isEmpty()) {
            return Optional.of(true);
        }
        error(ctx, 400, "invalid_request", "'dry_run' must be true or false, got '" + value + "'.");
        return Optional.empty();
    }

    /**
     * The answer of a dry run: 200 {@code {"valid", "problems"}} with the problems the save would be refused for,
     * worded as {@code check-config} words them (the same readers check both); nothing is stored or audited.
     */
    private static void dryRunAnswer(RoutingContext ctx, GatewayConfig trial, String path) {
        List<String> problems = trial.layers().skipped().getOrDefault(path, List.of());
        ObjectNode body = Json.object().put("name", ctx.pathParam("name")).put("dry_run", true)
                .put("valid", problems.isEmpty());
        problems.forEach(body.putArray("problems")::add);
        send(ctx, 200, body);
    }

    private void deleteProvider(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        String actor = actor(ctx);
        afterDelete(ctx, "provider", () -> writes.deleteProvider(actor, name),
                () -> config().layers().providerSource(name));
    }

    private void deleteRoute(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        String actor = actor(ctx);
        afterDelete(ctx, "route", () -> writes.deleteRoute(actor, name), () -> config().layers().routeSource(name));
    }

    /** Deletes; answers which stored definitions the deletion left out, or why there was nothing to delete. */
    private void afterDelete(RoutingContext ctx, String entity, Callable<Boolean> delete,
                             Supplier<Optional<Source>> source) {
        Set<String> leftOutBefore = config().layers().skipped().keySet();
        write(ctx, delete, deleted -> {
            if (deleted) {
                ObjectNode body = Json.object().put("name", ctx.pathParam("name")).put("deleted", true);
                var leftOut = body.putArray("now_inactive");
                config().layers().skipped().keySet().stream().filter(p -> !leftOutBefore.contains(p))
                        .forEach(leftOut::add);
                send(ctx, 200, body);
            } else if (!declaredElsewhere(ctx, source.get())) {
                error(ctx, 404, "not_found", "No stored " + entity + " named '" + ctx.pathParam("name") + "'.");
            }
        });
    }

    /**
     * Runs a store write on a database thread, then puts it in force (this replica's snapshot, and the confirmations
     * of the other live replicas, reported in the answer's headers), then answers on the request's context. A change
     * that cannot be put in force at once does not fail the committed write: the poller applies it.
     */
    private <T> void write(RoutingContext ctx, Callable<T> work, Consumer<T> answer) {
        AtomicReference<Confirmation> confirmation = new AtomicReference<>();
        CompletableFuture<T> done = governance.database().call(() -> {
            T result = work.call();
            return Map.entry(result, governance.store().revision().current());
        }).thenCompose(written -> governance.propagate(written.getValue()).handle((confirmed, failure) -> {
            if (failure != null) {
                LOG.warn("Stored a change but could not put it in force at once; the next poll applies it: {}",
                        failure.toString());
            } else {
                confirmation.set(confirmed);
            }
            return written.getKey();
        }));
        Future.fromCompletionStage(done, ctx.vertx().getOrCreateContext()).onComplete(ar -> {
            if (ar.succeeded()) {
                Optional.ofNullable(confirmation.get()).ifPresent(c -> PropagationHeaders.set(ctx.response(), c));
                answer.accept(ar.result());
                return;
            }
            Throwable failure = ar.cause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
                    : ar.cause();
            if (failure instanceof StoreConflict conflict) {
                error(ctx, 409, "conflict", conflict.getMessage());
            } else if (failure instanceof AdminError refused) {
                error(ctx, refused.kind().status(), refused.kind().type(), refused.getMessage());
            } else {
                LOG.error("A stored-configuration write failed on {}", ctx.request().path(), failure);
                error(ctx, 503, "store_unavailable", "The store could not be written; nothing was changed.");
            }
        });
    }

    static String actor(RoutingContext ctx) {
        return ctx.get(ACTOR) instanceof Actor a && !a.name().isBlank() ? a.name() : "admin";
    }

    private GatewayConfig config() {
        return runtime.get().config();
    }
}
