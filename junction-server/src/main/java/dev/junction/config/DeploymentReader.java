package dev.junction.config;

import dev.junction.provider.ParamRules;
import dev.junction.provider.ParamRulesReader;
import dev.junction.provider.ProviderConfig;
import dev.junction.provider.Timeouts;
import dev.junction.routing.Capabilities;
import dev.junction.routing.Deployment;
import dev.junction.routing.ModelResolver;
import dev.junction.routing.OperationKind;
import dev.junction.routing.Price;
import dev.junction.routing.UnitPrices;
import dev.junction.pricing.UnitPricesJson;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code deployments} of a group and keeps the ids unique across the configuration: one id names one
 * upstream with one set of settings (sharing a group is the way to use a deployment in several routes). Not thread
 * safe; one instance per load.
 */
final class DeploymentReader {

    private static final Set<String> KEYS = Set.of("provider", "model", "id", "weight", "tags", "rpm", "tpm",
            "price", "context_window", "vision", "tools", "operations", "params", "timeouts", "health_check");
    private static final Set<String> PRICE = java.util.stream.Stream.concat(Set.of("input", "output", "cached_read",
            "cache_write", "reasoning").stream(), UnitPricesJson.KEYS.stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final double MAX_PRICE = 1_000_000;

    private final Map<String, ProviderConfig> providers;
    private final Problems problems;
    private final Map<String, Seen> ids = new HashMap<>();

    private record Seen(Deployment deployment, String path) {}

    DeploymentReader(Map<String, ProviderConfig> providers, Problems problems) {
        this.providers = providers;
        this.problems = problems;
    }

    /**
     * One deployment at {@code path}, or empty when it has problems (recorded).
     *
     * @param clientModelAllowed whether {@code model: "*"} (the client's model name) may be used: wildcard routes only
     */
    Optional<Deployment> read(JsonNode node, String path, boolean clientModelAllowed) {
        if (!problems.isMapping(node, path)) {
            if (node == null || node.isNull()) {
                problems.add(path + ": expected a mapping with 'provider' and 'model'");
            }
            return Optional.empty();
        }
        int before = problems.list().size();
        problems.onlyKeys(node, path, KEYS);
        Optional<String> provider = problems.requiredString(node, "provider", path);
        Optional<String> model = problems.requiredString(node, "model", path);
        provider.filter(p -> !providers.containsKey(p)).ifPresent(p -> problems.add(unknownProvider(path, p)));
        model.filter(m -> m.equals(ModelResolver.CLIENT_MODEL) && !clientModelAllowed).ifPresent(m -> problems.add(
                path + ".model: '*' (the client's model name) is only allowed in a wildcard route's own groups"));
        Optional<String> id = problems.string(node, "id", path);
        id.filter(String::isBlank).ifPresent(i -> problems.add(path + ".id: must not be empty"));
        int weight = problems.integer(node, "weight", path, 1, 1_000_000).orElse(1);
        Set<String> tags = new LinkedHashSet<>(problems.strings(node, "tags", path));
        OptionalInt rpm = optionalInt(problems.integer(node, "rpm", path, 1, Integer.MAX_VALUE));
        OptionalInt tpm = optionalInt(problems.integer(node, "tpm", path, 1, Integer.MAX_VALUE));
        Optional<Price> price = price(node.get("price"), path + ".price", problems);
        Capabilities capabilities = new Capabilities(
                optionalInt(problems.integer(node, "context_window", path, 1, Integer.MAX_VALUE)),
                problems.bool(node, "vision", path).orElse(true), problems.bool(node, "tools", path).orElse(true),
                operations(node, path, provider, model));
        ParamRules params = ParamRulesReader.read(node.get("params"), path + ".params", problems::add);
        if (problems.list().size() > before || provider.isEmpty() || model.isEmpty()) {
            return Optional.empty();
        }
        Timeouts base = providers.get(provider.get()).timeouts();
        Optional<Timeouts> timeouts = node.has("timeouts")
                ? Optional.of(ConfigLoader.timeouts(node.get("timeouts"), path + ".timeouts", base, problems))
                : Optional.empty();
        Optional<java.time.Duration> healthCheck = problems.duration(node, "health_check", path);
        Deployment d = new Deployment(id.orElse(provider.get() + "/" + model.get()), provider.get(), model.get(),
                weight, tags, capabilities, rpm, tpm, price, params, timeouts, healthCheck);
        return register(d, path) ? Optional.of(d) : Optional.empty();
    }

    /** Records deployments already configured at {@code path}, so that new ones cannot reuse their ids. */
    void known(List<Deployment> list, String path) {
        list.forEach(d -> ids.putIfAbsent(d.id(), new Seen(d, path)));
    }

    /** Records the id; false (and a problem) when it is already taken by a deployment with other settings. */
    private boolean register(Deployment d, String path) {
        Seen seen = ids.putIfAbsent(d.id(), new Seen(d, path));
        if (seen == null || seen.deployment().equals(d)) {
            return true;
        }
        problems.add(path + ": deployment id '" + d.id() + "' is already used with other settings at " + seen.path()
                + " (give one an 'id', or put it in a shared group under 'groups' and 'use' that)");
        return false;
    }

    String unknownProvider(String path, String provider) {
        return path + ".provider: unknown provider '" + provider + "' (configured: "
                + String.join(", ", providers.keySet())
                + "; a catalog provider is enabled by its API key variable or a 'providers' entry)";
    }

    /** A {@code price:} block (USD per million tokens; {@code input} and {@code output} required). */
    static Optional<Price> price(JsonNode node, String path, Problems problems) {
        if (!problems.isMapping(node, path)) {
            return Optional.empty();
        }
        problems.onlyKeys(node, path, PRICE);
        Optional<Double> input = problems.number(node, "input", path, 0, MAX_PRICE);
        Optional<Double> output = problems.number(node, "output", path, 0, MAX_PRICE);
        for (String field : List.of("input", "output")) {
            if (!node.has(field)) {
                problems.add(path + "." + field + ": required (USD per million tokens)");
            }
        }
        OptionalDouble cachedRead = optionalPrice(node, "cached_read", path, problems);
        OptionalDouble cacheWrite = optionalPrice(node, "cache_write", path, problems);
        OptionalDouble reasoning = optionalPrice(node, "reasoning", path, problems);
        UnitPrices units = UnitPricesJson.read(node, path, problems::add);
        if (input.isEmpty() || output.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Price(input.get(), output.get(), cachedRead, cacheWrite, reasoning, units));
    }

    /**
     * The {@code operations:} a deployment serves (wire names: {@code chat}, {@code images}, {@code rerank}, …); when
     * it says nothing, those its provider lists the model for ({@code operations} in the catalog or the provider's
     * entry), else chat and embeddings.
     */
    private Set<OperationKind> operations(JsonNode node, String path, Optional<String> provider,
                                          Optional<String> model) {
        if (!node.has("operations")) {
            EnumSet<OperationKind> listed = EnumSet.noneOf(OperationKind.class);
            provider.map(providers::get).filter(p -> model.isPresent()).ifPresent(p -> p.operations()
                    .of(model.get()).forEach(op -> OperationKind.ofWireName(op).ifPresent(listed::add)));
            return listed.isEmpty() ? OperationKind.DEFAULT : listed;
        }
        EnumSet<OperationKind> kinds = EnumSet.noneOf(OperationKind.class);
        for (String name : problems.strings(node, "operations", path)) {
            OperationKind.ofWireName(name).ifPresentOrElse(kinds::add, () -> problems.add(path
                    + ".operations: unknown operation '" + name + "' (known: " + String.join(", ",
                    java.util.Arrays.stream(OperationKind.values()).map(OperationKind::wireName).toList()) + ")"));
        }
        if (kinds.isEmpty()) {
            problems.add(path + ".operations: list at least one operation");
            return OperationKind.DEFAULT;
        }
        return kinds;
    }

    private static OptionalDouble optionalPrice(JsonNode node, String field, String path, Problems problems) {
        return problems.number(node, field, path, 0, MAX_PRICE).map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    private static OptionalInt optionalInt(Optional<Integer> value) {
        return value.map(OptionalInt::of).orElse(OptionalInt.empty());
    }
}
