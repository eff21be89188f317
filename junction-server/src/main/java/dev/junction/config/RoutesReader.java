package dev.junction.config;

import dev.junction.provider.ParamRules;
import dev.junction.provider.ParamRulesReader;
import dev.junction.provider.ProviderConfig;
import dev.junction.provider.Timeouts;
import dev.junction.routing.Deployment;
import dev.junction.routing.FallbackRules;
import dev.junction.routing.ModelResolver;
import dev.junction.routing.RetryPolicy;
import dev.junction.routing.Route;
import dev.junction.routing.RouteGroup;
import dev.junction.routing.strategy.Strategies;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code routes} and shared {@code groups} sections into routes (wildcard routes keyed by their glob) and
 * aliases. Every problem is recorded with its path; a route with problems is left out. Not thread safe; one instance
 * per load.
 */
final class RoutesReader {

    /** Routes by name (globs included), aliases (alias to route name) and the valid shared groups by name. */
    record RouteTable(Map<String, Route> routes, Map<String, String> aliases, Map<String, RouteGroup> groups) {}

    private static final Set<String> ROUTE = Set.of("steps", "strategy", "aliases", "groups", "retry", "fallback",
            "params", "timeouts");
    private static final Set<String> STEP = Set.of("provider", "model", "params");
    private static final Set<String> GROUP = Set.of("name", "deployments");
    private static final Set<String> SHARED_GROUP = Set.of("deployments");
    private static final Set<String> USE = Set.of("use");

    private final Map<String, ProviderConfig> providers;
    private final Timeouts defaultTimeouts;
    private final Problems problems;
    private final DeploymentReader deployments;
    /** Shared groups by name; empty for one that has problems, so that its users are not reported as well. */
    private final Map<String, Optional<RouteGroup>> shared = new LinkedHashMap<>();

    RoutesReader(Map<String, ProviderConfig> providers, Timeouts defaultTimeouts, Problems problems) {
        this.providers = providers;
        this.defaultTimeouts = defaultTimeouts;
        this.problems = problems;
        this.deployments = new DeploymentReader(providers, problems);
    }

    RouteTable read(JsonNode routesNode, JsonNode groupsNode) {
        sharedGroups(groupsNode);
        Map<String, Route> routes = new LinkedHashMap<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        if (!problems.isMapping(routesNode, "routes")) {
            return new RouteTable(routes, aliases, validSharedGroups());
        }
        Set<String> names = new LinkedHashSet<>(routesNode.propertyNames());
        for (var entry : routesNode.properties()) {
            String name = entry.getKey();
            route(name, entry.getValue()).ifPresent(r -> routes.put(name, r));
            aliases(name, entry.getValue(), names, aliases);
        }
        for (Route route : routes.values()) {
            checkContentPolicy(route, names, aliases);
        }
        return new RouteTable(routes, aliases, validSharedGroups());
    }

    private Map<String, RouteGroup> validSharedGroups() {
        Map<String, RouteGroup> valid = new LinkedHashMap<>();
        shared.forEach((name, group) -> group.ifPresent(g -> valid.put(name, g)));
        return valid;
    }

    /**
     * Adds routes stored in the database to the table in force (the file's), each read like a {@code routes.<name>}
     * entry of the file: it may {@code use} the file's shared groups, and its deployment ids, aliases and
     * content-policy fallback are checked against everything else. A stored route with problems, or whose name the
     * table in force already has (as a route or an alias), is left out on its own and reported by name.
     *
     * @param inForce the routes, aliases and shared groups read from the file
     * @param stored stored definitions by route name
     */
    StoredRoutes readStored(RouteTable inForce, Map<String, JsonNode> stored) {
        inForce.groups().forEach((name, group) -> shared.put(name, Optional.of(group)));
        inForce.groups().forEach((name, group) -> deployments.known(group.deployments(), "groups." + name));
        inForce.routes().forEach((name, route) -> deployments.known(route.deployments(), "routes." + name));
        Map<String, Route> routes = new LinkedHashMap<>(inForce.routes());
        Map<String, String> aliases = new LinkedHashMap<>(inForce.aliases());
        Set<String> names = new LinkedHashSet<>(inForce.routes().keySet());
        names.addAll(stored.keySet());
        Map<String, List<String>> skipped = new LinkedHashMap<>();
        List<String> accepted = new ArrayList<>();
        for (var entry : stored.entrySet()) {
            String name = entry.getKey();
            if (inForce.routes().containsKey(name) || inForce.aliases().containsKey(name)) {
                skipped.put(name, List.of("routes." + name + ": the configuration file declares a route or alias of "
                        + "this name, which wins"));
                continue;
            }
            int before = problems.list().size();
            Optional<Route> route = route(name, entry.getValue());
            Map<String, String> withOwn = new LinkedHashMap<>(aliases);
            aliases(name, entry.getValue(), names, withOwn);
            if (problems.list().size() > before || route.isEmpty()) {
                skipped.put(name, List.copyOf(problems.list().subList(before, problems.list().size())));
                continue;
            }
            routes.put(name, route.get());
            aliases = withOwn;
            accepted.add(name);
        }
        dropBrokenFallbacks(accepted, routes, aliases, skipped);
        return new StoredRoutes(new RouteTable(routes, aliases, inForce.groups()), skipped);
    }

    /** Stored routes read into a table, and those left out with their problems. */
    record StoredRoutes(RouteTable table, Map<String, List<String>> skipped) {}

    /**
     * Leaves out stored routes whose content-policy fallback names no route in the table, until none is left: a route
     * left out may be another's fallback.
     */
    private void dropBrokenFallbacks(List<String> stored, Map<String, Route> routes, Map<String, String> aliases,
                                     Map<String, List<String>> skipped) {
        boolean dropped = true;
        while (dropped) {
            dropped = false;
            for (String name : List.copyOf(stored)) {
                int before = problems.list().size();
                checkContentPolicy(routes.get(name), routes.keySet(), aliases);
                if (problems.list().size() > before) {
                    skipped.put(name, List.copyOf(problems.list().subList(before, problems.list().size())));
                    routes.remove(name);
                    aliases.values().removeIf(name::equals);
                    stored.remove(name);
                    dropped = true;
                }
            }
        }
    }

    private void sharedGroups(JsonNode node) {
        if (!problems.isMapping(node, "groups")) {
            return;
        }
        for (var entry : node.properties()) {
            String path = "groups." + entry.getKey();
            JsonNode g = entry.getValue();
            if (!problems.isMapping(g, path)) {
                if (g == null || g.isNull()) {
                    problems.add(path + ": expected a mapping with 'deployments'");
                }
                shared.put(entry.getKey(), Optional.empty());
                continue;
            }
            problems.onlyKeys(g, path, SHARED_GROUP);
            shared.put(entry.getKey(), groupDeployments(g, path, false)
                    .map(list -> new RouteGroup(entry.getKey(), list)));
        }
    }

    private Optional<Route> route(String name, JsonNode node) {
        String path = "routes." + name;
        if (!problems.isMapping(node, path)) {
            if (node == null || node.isNull()) {
                problems.add(path + ": expected a mapping with 'groups' (or 'steps')");
            }
            return Optional.empty();
        }
        int before = problems.list().size();
        problems.onlyKeys(node, path, ROUTE);
        String strategy = problems.string(node, "strategy", path).orElse("priority");
        if (!Strategies.NAMES.contains(strategy)) {
            problems.add(path + ".strategy: unknown strategy '" + strategy + "' (known: "
                    + String.join(", ", Strategies.NAMES) + ")");
        }
        List<RouteGroup> groups = groups(name, node, path);
        var retry = PolicyReader.retry(node.get("retry"), path + ".retry", problems);
        FallbackRules fallback = PolicyReader.fallback(node.get("fallback"), path + ".fallback", problems);
        ParamRules params = ParamRulesReader.read(node.get("params"), path + ".params", problems::add);
        Optional<Timeouts> timeouts = node.has("timeouts")
                ? Optional.of(ConfigLoader.timeouts(node.get("timeouts"), path + ".timeouts", defaultTimeouts,
                        problems))
                : Optional.empty();
        if (problems.list().size() > before || groups.isEmpty()) {
            return Optional.empty();
        }
        if (!node.has("retry")) {
            retry = RetryPolicy.onePass(groups.stream().mapToInt(g -> g.deployments().size()).sum());
        }
        return Optional.of(new Route(name, groups, strategy, retry, fallback, params, timeouts));
    }

    private List<RouteGroup> groups(String route, JsonNode node, String path) {
        if (node.has("steps") && node.has("groups")) {
            problems.add(path + ": use either 'groups' or 'steps', not both");
            return List.of();
        }
        if (node.has("steps")) {
            return steps(node.get("steps"), path + ".steps");
        }
        JsonNode list = node.get("groups");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(path + ".groups: expected a non-empty list of groups ({deployments: [...]} or {use: name})");
            return List.of();
        }
        List<RouteGroup> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String gp = path + ".groups[" + i + "]";
            group(list.get(i), gp, route + "#" + i, ModelResolver.isWildcard(route)).ifPresent(g -> {
                if (!names.add(g.name())) {
                    problems.add(gp + ": group '" + g.name() + "' appears twice in this route");
                }
                out.add(g);
            });
        }
        return out;
    }

    private Optional<RouteGroup> group(JsonNode node, String path, String defaultName, boolean wildcardRoute) {
        if (!problems.isMapping(node, path)) {
            if (node == null || node.isNull()) {
                problems.add(path + ": expected {deployments: [...]} or {use: name}");
            }
            return Optional.empty();
        }
        if (node.has("use")) {
            problems.onlyKeys(node, path, USE);
            return problems.requiredString(node, "use", path).flatMap(name -> {
                if (!shared.containsKey(name)) {
                    problems.add(path + ".use: unknown shared group '" + name + "' (defined under 'groups': "
                            + (shared.isEmpty() ? "none" : String.join(", ", shared.keySet())) + ")");
                    return Optional.empty();
                }
                return shared.get(name);
            });
        }
        problems.onlyKeys(node, path, GROUP);
        String name = problems.string(node, "name", path).filter(n -> !n.isBlank()).orElse(defaultName);
        return groupDeployments(node, path, wildcardRoute).map(list -> new RouteGroup(name, list));
    }

    private Optional<List<Deployment>> groupDeployments(JsonNode group, String path, boolean clientModelAllowed) {
        JsonNode list = group.get("deployments");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(path + ".deployments: expected a non-empty list of {provider, model, ...}");
            return Optional.empty();
        }
        List<Deployment> out = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < list.size(); i++) {
            Optional<Deployment> d = deployments.read(list.get(i), path + ".deployments[" + i + "]",
                    clientModelAllowed);
            d.ifPresent(out::add);
            complete &= d.isPresent();
        }
        return complete ? Optional.of(out) : Optional.empty();
    }

    /** The original form: each step a group of one deployment, tried in order ({@link Route#ofSteps}). */
    private List<RouteGroup> steps(JsonNode steps, String path) {
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            problems.add(path + ": expected a non-empty list of {provider, model}");
            return List.of();
        }
        List<Deployment> list = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            String sp = path + "[" + i + "]";
            JsonNode s = steps.get(i);
            if (!problems.isMapping(s, sp)) {
                continue;
            }
            problems.onlyKeys(s, sp, STEP);
            Optional<String> provider = problems.requiredString(s, "provider", sp);
            Optional<String> model = problems.requiredString(s, "model", sp);
            provider.filter(p -> !providers.containsKey(p))
                    .ifPresent(p -> problems.add(deployments.unknownProvider(sp, p)));
            ParamRules params = ParamRulesReader.read(s.get("params"), sp + ".params", problems::add);
            if (provider.isPresent() && model.isPresent()) {
                list.add(Deployment.of(provider.get(), model.get(), params));
            }
        }
        return list.isEmpty() ? List.of() : Route.ofSteps("steps", list).groups();
    }

    private void aliases(String route, JsonNode node, Set<String> routeNames, Map<String, String> aliases) {
        if (node == null || !node.isObject()) {
            return;
        }
        String path = "routes." + route + ".aliases";
        List<String> list = problems.strings(node, "aliases", "routes." + route);
        for (int i = 0; i < list.size(); i++) {
            String alias = list.get(i);
            String ap = path + "[" + i + "]";
            if (alias.isBlank()) {
                problems.add(ap + ": must not be empty");
            } else if (ModelResolver.isWildcard(alias)) {
                problems.add(ap + ": '" + alias + "' cannot contain '*'; make it a wildcard route instead");
            } else if (routeNames.contains(alias)) {
                problems.add(ap + ": '" + alias + "' is already the name of a route");
            } else if (aliases.containsKey(alias)) {
                problems.add(ap + ": '" + alias + "' is already an alias of route '" + aliases.get(alias) + "'");
            } else {
                aliases.put(alias, route);
            }
        }
    }

    private void checkContentPolicy(Route route, Set<String> routeNames, Map<String, String> aliases) {
        route.fallback().contentPolicy().ifPresent(target -> {
            String path = "routes." + route.name() + ".fallback.content_policy";
            String resolved = aliases.getOrDefault(target, target);
            if (!routeNames.contains(target) && !aliases.containsKey(target) || ModelResolver.isWildcard(target)) {
                problems.add(path + ": unknown route '" + target + "' (a route name or alias, not a wildcard)");
            } else if (resolved.equals(route.name())) {
                problems.add(path + ": a route cannot be its own content-policy fallback");
            }
        });
    }
}
