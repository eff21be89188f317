package dev.junction.routing;

import dev.junction.provider.Glob;
import dev.junction.provider.ParamRules;
import dev.junction.provider.ProviderConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the route for a model name, in this order: a configured route of that name; an alias of a route; a wildcard
 * route whose glob matches (the one with the longest literal prefix first); {@code provider/model} for a provider this
 * gateway runs; an unprefixed name that a provider lists (exact names first, then patterns, providers in catalog
 * order). Immutable and thread safe.
 *
 * <p>A wildcard route is a route whose name contains {@code *} ({@link Glob} syntax). It serves the name the client
 * sent: the route it resolves to carries that name, and its deployments whose model is {@link #CLIENT_MODEL} send that
 * name upstream.
 */
public final class ModelResolver {

    /** A deployment model, in a wildcard route, that stands for the model name the client sent. */
    public static final String CLIENT_MODEL = "*";

    private final Map<String, Route> routes;
    private final Map<String, Route> aliases;
    private final List<Route> wildcards;
    private final Map<String, ProviderConfig> providers;

    /**
     * @param routes configured routes by public name (names with {@code *} are wildcard routes)
     * @param providers the providers this gateway runs, in matching order
     */
    public ModelResolver(Map<String, Route> routes, Map<String, ProviderConfig> providers) {
        this(routes, Map.of(), providers);
    }

    /**
     * @param routes configured routes by public name (names with {@code *} are wildcard routes)
     * @param aliases further public names, each naming a route of {@code routes}
     * @param providers the providers this gateway runs, in matching order
     * @throws IllegalArgumentException when an alias names no route
     */
    public ModelResolver(Map<String, Route> routes, Map<String, String> aliases,
                         Map<String, ProviderConfig> providers) {
        Map<String, Route> exact = new HashMap<>();
        List<Route> globs = new ArrayList<>();
        routes.forEach((name, route) -> {
            if (isWildcard(name)) {
                globs.add(route);
            } else {
                exact.put(name, route);
            }
        });
        Map<String, Route> byAlias = new HashMap<>();
        aliases.forEach((alias, target) -> {
            Route route = routes.get(target);
            if (route == null) {
                throw new IllegalArgumentException("alias '" + alias + "' names no route: '" + target + "'");
            }
            byAlias.put(alias, route);
        });
        globs.sort(MOST_SPECIFIC_FIRST);
        this.routes = Map.copyOf(exact);
        this.aliases = Map.copyOf(byAlias);
        this.wildcards = List.copyOf(globs);
        this.providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    }

    /** Whether a route name is a glob. */
    public static boolean isWildcard(String name) {
        return name.indexOf('*') >= 0;
    }

    /** Longest literal prefix first, then the most literal characters, then by name (so the order is stable). */
    private static final Comparator<Route> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt((Route r) -> literalPrefix(r.name())).reversed()
            .thenComparing(Comparator.comparingInt((Route r) -> literalCount(r.name())).reversed())
            .thenComparing(Route::name);

    private static int literalPrefix(String glob) {
        int star = glob.indexOf('*');
        return star < 0 ? glob.length() : star;
    }

    private static int literalCount(String glob) {
        return (int) glob.chars().filter(c -> c != '*').count();
    }

    /** The route for this model name, if any. */
    public Optional<Route> resolve(String model) {
        Route configured = routes.get(model);
        if (configured == null) {
            configured = aliases.get(model);
        }
        if (configured != null) {
            return Optional.of(configured);
        }
        for (Route wildcard : wildcards) {
            if (Glob.matches(wildcard.name(), model)) {
                return Optional.of(serving(wildcard, model));
            }
        }
        int slash = model.indexOf('/');
        if (slash > 0 && slash < model.length() - 1) {
            String provider = model.substring(0, slash);
            if (providers.containsKey(provider)) {
                return Optional.of(direct(model, provider, model.substring(slash + 1)));
            }
        }
        for (ProviderConfig p : providers.values()) {
            if (p.models().contains(model)) {
                return Optional.of(direct(model, p.name(), model));
            }
        }
        for (ProviderConfig p : providers.values()) {
            if (p.serves(model)) {
                return Optional.of(direct(model, p.name(), model));
            }
        }
        return Optional.empty();
    }

    /** The wildcard route under the client's name, with {@link #CLIENT_MODEL} deployments sending that name. */
    private static Route serving(Route wildcard, String model) {
        List<RouteGroup> groups = wildcard.groups().stream().map(g -> withClientModel(g, model)).toList();
        return new Route(model, groups, wildcard.strategy(), wildcard.retry(), wildcard.fallback(), wildcard.params(),
                wildcard.timeouts());
    }

    private static RouteGroup withClientModel(RouteGroup group, String model) {
        if (group.deployments().stream().noneMatch(d -> d.model().equals(CLIENT_MODEL))) {
            return group; // the same instance, so per-group state keyed by identity still applies
        }
        return new RouteGroup(group.name(), group.deployments().stream()
                .map(d -> d.model().equals(CLIENT_MODEL) ? withModel(d, model) : d).toList());
    }

    private static Deployment withModel(Deployment d, String model) {
        String id = d.id().equals(d.provider() + "/" + CLIENT_MODEL) ? d.provider() + "/" + model : d.id();
        return new Deployment(id, d.provider(), model, d.weight(), d.tags(), d.capabilities(), d.rpm(), d.tpm(),
                d.price(), d.params(), d.timeouts());
    }

    /**
     * A route straight to the model the client named: it may ask it for any operation (the upstream answers when the
     * model cannot serve it), as there is no pool to choose another deployment from.
     */
    private static Route direct(String publicName, String provider, String model) {
        Deployment d = Deployment.of(provider, model, ParamRules.NONE);
        return Route.ofSteps(publicName, List.of(new Deployment(d.id(), provider, model, 1, Set.of(),
                Capabilities.ANY, d.rpm(), d.tpm(), d.price(), d.params(), d.timeouts())));
    }

    /**
     * The names clients can use: configured route names and aliases (sorted; wildcard routes are not names), then
     * {@code provider/model} for every listed model.
     */
    public List<String> publicModels() {
        Set<String> sorted = new TreeSet<>(routes.keySet());
        sorted.addAll(aliases.keySet());
        Set<String> names = new LinkedHashSet<>(sorted);
        for (ProviderConfig p : providers.values()) {
            for (String model : p.models()) {
                names.add(p.name() + "/" + model);
            }
        }
        return new ArrayList<>(names);
    }

    /** The providers this resolver routes to. */
    public Map<String, ProviderConfig> providers() {
        return providers;
    }
}
