package dev.junction.routing;

import dev.junction.provider.ParamRules;
import dev.junction.provider.ProviderConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the route for a model name, in this order: a configured route of that name; {@code provider/model} for a
 * provider this gateway runs; an unprefixed name that a provider lists (exact names first, then patterns, providers
 * in catalog order). Immutable and thread safe.
 */
public final class ModelResolver {

    private final Map<String, Route> routes;
    private final Map<String, ProviderConfig> providers;

    /**
     * @param routes configured routes by public name
     * @param providers the providers this gateway runs, in matching order
     */
    public ModelResolver(Map<String, Route> routes, Map<String, ProviderConfig> providers) {
        this.routes = Map.copyOf(routes);
        this.providers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    }

    /** The route for this model name, if any. */
    public Optional<Route> resolve(String model) {
        Route configured = routes.get(model);
        if (configured != null) {
            return Optional.of(configured);
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

    private static Route direct(String publicName, String provider, String model) {
        return Route.ofSteps(publicName, List.of(Deployment.of(provider, model, ParamRules.NONE)));
    }

    /** The names clients can use: configured routes, then {@code provider/model} for every listed model. */
    public List<String> publicModels() {
        Set<String> names = new LinkedHashSet<>(routes.keySet().stream().sorted().toList());
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
