package dev.junction.config;

import dev.junction.guard.Detector;
import dev.junction.guard.DetectorCatalog;
import dev.junction.guard.Finding;
import dev.junction.guard.ListDetector;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code guardrails:} section into {@link GuardrailSettings}: custom detectors ({@code detectors.<name>}: a
 * {@code regex} or {@code keywords} list with an optional {@code entity_type}) and policies
 * ({@code policies.<name>}: {@code detectors}, {@code on}, {@code actions}, {@code restore}, {@code min_confidence},
 * {@code applies_to}), and external HTTP guards ({@code detectors.<name>.webhook}: {@code url}, {@code timeout},
 * {@code fail_open}, {@code headers}, {@code entity_types}) and JSON-schema checks ({@code detectors.<name>.json_schema}:
 * a schema or {@code request}, with {@code target}) and configured provided detectors
 * ({@code detectors.<name>.provider} with its {@code settings}: a {@link dev.junction.guard.DetectorProvider} of the
 * class path or the extensions directory, such as the ONNX classifier). Every problem is reported with its path: an unknown detector, an action for an entity type none
 * of the policy's detectors reports, a bad regular expression.
 */
final class GuardrailsReader {

    private static final String PATH = "guardrails";
    private static final Set<String> KEYS = Set.of("phone_region", "detectors", "policies");
    private static final Set<String> DETECTOR = Set.of("regex", "keywords", "entity_type", "webhook");
    private static final Set<String> PROVIDED = Set.of("provider", "settings");
    private static final Set<String> WEBHOOK = Set.of("url", "timeout", "fail_open", "headers", "entity_types");
    private static final Set<String> POLICY = Set.of("detectors", "on", "actions", "restore", "min_confidence",
            "applies_to", "buffer");
    private static final Set<String> SCHEMA = Set.of("json_schema", "target");
    private static final Set<String> SCOPE = Set.of("routes", "keys", "teams", "tenants");

    private final Problems problems;
    private final DetectorCatalog catalog;

    /** @param catalog the detectors provided by the class path and the extensions directory */
    GuardrailsReader(Problems problems, DetectorCatalog catalog) {
        this.problems = problems;
        this.catalog = catalog;
    }

    /** @param node the section, null when absent */
    GuardrailSettings read(JsonNode node) {
        if (!problems.isMapping(node, PATH)) {
            return GuardrailSettings.NONE;
        }
        problems.onlyKeys(node, PATH, KEYS);
        String region = problems.string(node, "phone_region", PATH).map(r -> r.toUpperCase(Locale.ROOT))
                .orElse("US");
        if (!region.matches("[A-Z]{2}")) {
            problems.add(PATH + ".phone_region: expected a two-letter region code (US, GB, DE …), got '" + region
                    + "'");
            region = "US";
        }
        Map<String, Detector> detectors = new LinkedHashMap<>();
        Set<String> fromDirectory = new LinkedHashSet<>();
        Map<String, GuardWebhook> webhooks = new LinkedHashMap<>();
        Map<String, GuardSchema> schemas = new LinkedHashMap<>();
        JsonNode custom = node.get("detectors");
        if (problems.isMapping(custom, PATH + ".detectors")) {
            for (var entry : custom.properties()) {
                if (entry.getValue() != null && entry.getValue().has("webhook")) {
                    webhook(entry.getKey(), entry.getValue()).ifPresent(w -> webhooks.put(w.name(), w));
                } else if (entry.getValue() != null && entry.getValue().has("json_schema")) {
                    schema(entry.getKey(), entry.getValue()).ifPresent(c -> schemas.put(c.name(), c));
                } else if (entry.getValue() != null && entry.getValue().has("provider")) {
                    provided(entry.getKey(), entry.getValue(), region, fromDirectory)
                            .ifPresent(d -> detectors.put(entry.getKey(), d));
                } else {
                    customDetector(entry.getKey(), entry.getValue()).ifPresent(d -> detectors.put(d.name(), d));
                }
            }
        }
        List<GuardPolicy> policies = new ArrayList<>();
        JsonNode policyNodes = node.get("policies");
        if (problems.isMapping(policyNodes, PATH + ".policies")) {
            Known known = new Known(detectors, webhooks, schemas, region, fromDirectory);
            for (var entry : policyNodes.properties()) {
                policy(entry.getKey(), entry.getValue(), known).ifPresent(policies::add);
            }
        }
        // A directory detector made at all ties the configuration to the directory's jars.
        return new GuardrailSettings(policies, fromDirectory.isEmpty() ? Optional.empty() : catalog.directory());
    }

    /**
     * {@code detectors.<name>: {provider, settings}}: the provider's detector with the operator's settings, under
     * the name the section gives it.
     */
    private Optional<Detector> provided(String name, JsonNode node, String region, Set<String> fromDirectory) {
        String path = PATH + ".detectors." + name;
        if (!problems.isMapping(node, path)) {
            return Optional.empty();
        }
        problems.onlyKeys(node, path, PROVIDED);
        if (catalog.names().contains(name)) {
            problems.add(path + ": the name of a provided detector");
            return Optional.empty();
        }
        Optional<String> provider = problems.requiredString(node, "provider", path);
        JsonNode settings = node.get("settings");
        if (settings != null && !settings.isObject()) {
            problems.add(path + ".settings: expected a mapping");
            return Optional.empty();
        }
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        Optional<DetectorCatalog.Entry> entry = catalog.entry(provider.get());
        if (entry.isEmpty()) {
            problems.add(path + ".provider: no detector provider is named '" + provider.get() + "' (expected one of "
                    + String.join(", ", new TreeSet<>(catalog.names())) + where() + ")");
            return Optional.empty();
        }
        tools.jackson.databind.node.ObjectNode given = settings == null
                ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : (tools.jackson.databind.node.ObjectNode) settings.deepCopy();
        Optional<Detector> made = create(entry.get(), region, given, path + ".settings");
        if (made.isPresent() && entry.get().fromDirectory()) {
            fromDirectory.add(name);
        }
        return made.map(d -> new Named(name, d));
    }

    /** The provider's detector, or the provider's complaint about its settings as a problem at {@code path}. */
    private Optional<Detector> create(DetectorCatalog.Entry entry, String region,
                                      tools.jackson.databind.node.ObjectNode settings, String path) {
        try {
            return Optional.of(entry.provider().create(region, settings));
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            problems.add(path + ": detector provider '" + entry.provider().name() + "' (" + entry.source()
                    + ") failed: " + e);
        }
        return Optional.empty();
    }

    /** Where else providers are looked for, for a message about a missing one. */
    private String where() {
        return catalog.directory().map(d -> "; the class path and " + d + " were searched").orElse("");
    }

    /** A provided detector under the name the configuration gives it. */
    private record Named(String name, Detector detector) implements Detector {
        @Override
        public Set<String> entityTypes() {
            return detector.entityTypes();
        }

        @Override
        public List<Finding> scan(CharSequence text) {
            return detector.scan(text);
        }
    }

    private Optional<Detector> customDetector(String name, JsonNode node) {
        String path = PATH + ".detectors." + name;
        if (!problems.isMapping(node, path)) {
            return Optional.empty();
        }
        problems.onlyKeys(node, path, DETECTOR);
        if (catalog.names().contains(name)) {
            problems.add(path + ": the name of a built-in detector");
            return Optional.empty();
        }
        String type = problems.string(node, "entity_type", path).orElse(name.toUpperCase(Locale.ROOT));
        boolean regex = node.has("regex");
        if (regex == node.has("keywords")) {
            problems.add(path + ": expected exactly one of regex, keywords");
            return Optional.empty();
        }
        List<String> entries = problems.strings(node, regex ? "regex" : "keywords", path);
        if (entries.isEmpty()) {
            problems.add(path + "." + (regex ? "regex" : "keywords") + ": must not be empty");
            return Optional.empty();
        }
        if (!regex) {
            return Optional.of(ListDetector.keywords(name, type, entries));
        }
        try {
            return Optional.of(ListDetector.regex(name, type, entries));
        } catch (PatternSyntaxException e) {
            problems.add(path + ".regex: not a valid regular expression: " + e.getDescription() + " in '"
                    + e.getPattern() + "'");
            return Optional.empty();
        }
    }

    private Optional<GuardWebhook> webhook(String name, JsonNode node) {
        String path = PATH + ".detectors." + name;
        if (catalog.names().contains(name)) {
            problems.add(path + ": the name of a built-in detector");
            return Optional.empty();
        }
        if (node.size() != 1) {
            problems.add(path + ": a webhook detector has only the key webhook");
            return Optional.empty();
        }
        JsonNode hook = node.get("webhook");
        return webhookOf(name, hook, path + ".webhook");
    }

    private Optional<GuardWebhook> webhookOf(String name, JsonNode hook, String path) {
        if (!problems.isMapping(hook, path)) {
            return Optional.empty();
        }
        problems.onlyKeys(hook, path, WEBHOOK);
        int before = problems.list().size();
        Optional<URI> url = problems.requiredString(hook, "url", path).flatMap(u -> url(u, path + ".url"));
        Duration timeout = problems.duration(hook, "timeout", path).orElse(GuardWebhook.DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            problems.add(path + ".timeout: must be positive");
        }
        boolean failOpen = problems.bool(hook, "fail_open", path).orElse(false);
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode headerNode = hook.get("headers");
        if (problems.isMapping(headerNode, path + ".headers")) {
            for (var entry : headerNode.properties()) {
                problems.string(headerNode, entry.getKey(), path + ".headers")
                        .ifPresent(v -> headers.put(entry.getKey(), v));
            }
        }
        Set<String> types = new LinkedHashSet<>(problems.strings(hook, "entity_types", path));
        if (problems.list().size() > before || url.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GuardWebhook(name, url.get(), timeout, failOpen, headers, types));
    }

    private Optional<URI> url(String text, String path) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(path + ": expected an http or https URL, got '" + text + "'");
        return Optional.empty();
    }

    /**
     * The detectors of the section by name, of each kind; a provided one (class path or directory) is made the first
     * time a policy names it and shared by the policies after it.
     */
    private record Known(Map<String, Detector> detectors, Map<String, GuardWebhook> hooks,
                         Map<String, GuardSchema> schemas, String region, Set<String> fromDirectory) {
    }

    private Set<String> names(Known known) {
        Set<String> names = new TreeSet<>(known.detectors().keySet());
        names.addAll(catalog.names());
        names.addAll(known.hooks().keySet());
        names.addAll(known.schemas().keySet());
        return names;
    }

    /** The catalog's detector {@code name}, made now without settings; the provider's complaint is reported. */
    private Optional<Detector> provided(String name, Known known, String path) {
        DetectorCatalog.Entry entry = catalog.entry(name).orElseThrow();
        Optional<Detector> created = create(entry, known.region(),
                tools.jackson.databind.node.JsonNodeFactory.instance.objectNode(), path + ": detector '" + name + "'");
        created.ifPresent(d -> {
            known.detectors().put(name, d);
            if (entry.fromDirectory()) {
                known.fromDirectory().add(name);
            }
        });
        return created;
    }

    private Optional<GuardSchema> schema(String name, JsonNode node) {
        String path = PATH + ".detectors." + name;
        if (catalog.names().contains(name)) {
            problems.add(path + ": the name of a built-in detector");
            return Optional.empty();
        }
        problems.onlyKeys(node, path, SCHEMA);
        GuardSchema.Target target = problems.string(node, "target", path)
                .flatMap(t -> choice(GuardSchema.Target.class, t, path + ".target"))
                .orElse(GuardSchema.Target.CONTENT);
        JsonNode schema = node.get("json_schema");
        if (schema.isString() && schema.stringValue().equals("request")) {
            return Optional.of(new GuardSchema(name, Optional.empty(), target));
        }
        if (!schema.isObject()) {
            problems.add(path + ".json_schema: expected a JSON Schema (a mapping) or 'request'");
            return Optional.empty();
        }
        try {
            return Optional.of(new GuardSchema(name, Optional.of(GuardSchema.compile(schema)), target));
        } catch (RuntimeException e) {
            problems.add(path + ".json_schema: not a usable JSON Schema: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<GuardPolicy> policy(String name, JsonNode node, Known known) {
        String path = PATH + ".policies." + name;
        if (!problems.isMapping(node, path)) {
            return Optional.empty();
        }
        problems.onlyKeys(node, path, POLICY);
        int before = problems.list().size();
        List<Detector> detectors = new ArrayList<>();
        List<GuardWebhook> webhooks = new ArrayList<>();
        List<GuardSchema> schemas = new ArrayList<>();
        for (String d : problems.strings(node, "detectors", path)) {
            if (known.detectors().containsKey(d)) {
                detectors.add(known.detectors().get(d));
            } else if (catalog.entry(d).isPresent()) {
                provided(d, known, path + ".detectors").ifPresent(detectors::add);
            } else if (known.hooks().containsKey(d)) {
                webhooks.add(known.hooks().get(d));
            } else if (known.schemas().containsKey(d)) {
                schemas.add(known.schemas().get(d));
            } else {
                problems.add(path + ".detectors: unknown detector '" + d + "' (expected one of "
                        + String.join(", ", names(known)) + where() + ")");
            }
        }
        if (detectors.isEmpty() && webhooks.isEmpty() && schemas.isEmpty() && problems.list().size() == before) {
            problems.add(path + ".detectors: required, at least one detector");
        }
        GuardPolicy.Direction on = problems.string(node, "on", path).map(s -> choice(GuardPolicy.Direction.class, s,
                path + ".on")).orElse(Optional.of(GuardPolicy.Direction.INPUT)).orElse(GuardPolicy.Direction.INPUT);
        Map<String, GuardPolicy.Action> actions = new LinkedHashMap<>();
        GuardPolicy.Action otherwise = GuardPolicy.Action.BLOCK;
        JsonNode actionNode = node.get("actions");
        if (problems.isMapping(actionNode, path + ".actions")) {
            Set<String> allowed = new LinkedHashSet<>();
            detectors.forEach(d -> {
                allowed.add(d.name());
                allowed.addAll(d.entityTypes());
            });
            webhooks.forEach(w -> {
                allowed.add(w.name());
                allowed.addAll(w.entityTypes());
            });
            schemas.forEach(c -> {
                allowed.add(c.name());
                allowed.add(GuardSchema.VIOLATION);
            });
            for (var entry : actionNode.properties()) {
                String key = entry.getKey();
                Optional<GuardPolicy.Action> action = problems.string(actionNode, key, path + ".actions")
                        .flatMap(s -> choice(GuardPolicy.Action.class, s, path + ".actions." + key));
                if (!key.equals("default") && !allowed.contains(key)) {
                    problems.add(path + ".actions." + key + ": neither a detector of the policy nor an entity type "
                            + "they report (expected default or one of " + String.join(", ", new TreeSet<>(allowed))
                            + ")");
                } else if (action.isPresent() && key.equals("default")) {
                    otherwise = action.get();
                } else {
                    action.ifPresent(a -> actions.put(key, a));
                }
            }
        }
        if (!schemas.isEmpty() && !on.output()) {
            problems.add(path + ".on: a JSON-schema check (" + schemas.getFirst().name() + ") runs on answers: "
                    + "expected output or both");
        }
        boolean buffer = problems.bool(node, "buffer", path).orElse(false);
        boolean restore = problems.bool(node, "restore", path).orElse(false);
        double minConfidence = problems.number(node, "min_confidence", path, 0, 1).orElse(0.0);
        GuardPolicy.Scope scope = scope(node.get("applies_to"), path + ".applies_to");
        if (problems.list().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new GuardPolicy(name, detectors, on, actions, otherwise, restore, minConfidence, scope,
                webhooks, schemas, buffer));
    }

    private GuardPolicy.Scope scope(JsonNode node, String path) {
        if (!problems.isMapping(node, path)) {
            return GuardPolicy.Scope.EVERYWHERE;
        }
        problems.onlyKeys(node, path, SCOPE);
        // Route names are not checked against the file's routes: routes stored through the admin API count too.
        return new GuardPolicy.Scope(Set.copyOf(problems.strings(node, "routes", path)),
                Set.copyOf(problems.strings(node, "keys", path)), Set.copyOf(problems.strings(node, "teams", path)),
                Set.copyOf(problems.strings(node, "tenants", path)));
    }

    private <E extends Enum<E>> Optional<E> choice(Class<E> type, String value, String path) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return Optional.of(e);
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        problems.add(path + ": expected one of " + String.join(", ", names) + ", got '" + value + "'");
        return Optional.empty();
    }
}
