package dev.junction.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code tracing:} section and the OTLP environment into {@link TracingSettings}. The file wins over the
 * environment; among the environment's endpoints the standard ones win over the simple one:
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} / {@code _LOGS_ENDPOINT} (used as they are), then
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the signal's path appended), then {@code OTLP_ENDPOINT} ({@code host:port} or a
 * URL, the path appended when missing). Headers add up, later ones winning: {@code OTEL_EXPORTER_OTLP_HEADERS},
 * {@code OTEL_EXPORTER_OTLP_TRACES_HEADERS}, {@code OTLP_HEADERS}, {@code OTLP_API_KEY} (as {@code authorization}),
 * then the file's {@code headers} and {@code api_key}. {@code OTEL_SDK_DISABLED=true} turns tracing off.
 */
final class TracingReader {

    private static final Set<String> KEYS = Set.of("enabled", "endpoint", "headers", "api_key", "service_name",
            "resource_attributes", "sample_ratio", "logs", "queue_size");

    private final Function<String, Optional<String>> env;
    private final Problems problems;

    TracingReader(Function<String, Optional<String>> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** @param node the section, null when absent */
    TracingSettings read(JsonNode node) {
        boolean section = problems.isMapping(node, "tracing");
        JsonNode s = section ? node : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        problems.onlyKeys(s, "tracing", KEYS);
        Optional<String> fileEndpoint = problems.string(s, "endpoint", "tracing").filter(v -> !v.isBlank());
        Optional<String> traces = fileEndpoint.map(OtlpEnvironment::tracesUrl).or(this::envTraces);
        Optional<String> logs = fileEndpoint.map(OtlpEnvironment::logsUrl).or(this::envLogs);
        for (Optional<String> url : java.util.List.of(traces, logs)) {
            if (url.isPresent() && !OtlpEnvironment.validUrl(url.get())) {
                problems.add("tracing.endpoint: '" + url.get() + "' is not an http(s) URL");
                return TracingSettings.DEFAULT;
            }
        }
        boolean disabled = var("OTEL_SDK_DISABLED").map(v -> v.equalsIgnoreCase("true")).orElse(false);
        boolean enabled = problems.bool(s, "enabled", "tracing").orElse(!disabled) && traces.isPresent();
        Map<String, String> resource = new LinkedHashMap<>();
        var("OTEL_RESOURCE_ATTRIBUTES").ifPresent(v -> resource.putAll(OtlpEnvironment.pairs(v, false)));
        var("OTLP_RESOURCE_ATTRIBUTES").ifPresent(v -> resource.putAll(OtlpEnvironment.pairs(v, false)));
        resource.putAll(mapping(s, "resource_attributes", false));
        String service = problems.string(s, "service_name", "tracing").or(() -> var("OTEL_SERVICE_NAME"))
                .or(() -> var("OTLP_SERVICE_NAME")).or(() -> Optional.ofNullable(resource.get("service.name")))
                .filter(v -> !v.isBlank()).orElse(TracingSettings.SERVICE_NAME);
        resource.remove("service.name");
        return new TracingSettings(enabled, traces, logs, headers(s), service, resource,
                problems.number(s, "sample_ratio", "tracing", 0, 1).orElse(1.0),
                problems.bool(s, "logs", "tracing").orElse(false),
                problems.integer(s, "queue_size", "tracing", 1, 1_000_000).orElse(TracingSettings.QUEUE_SIZE));
    }

    private Optional<String> envTraces() {
        return var("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
                .or(() -> var("OTEL_EXPORTER_OTLP_ENDPOINT").map(b -> OtlpEnvironment.standardSignalUrl(b,
                        "/v1/traces")))
                .or(() -> var("OTLP_ENDPOINT").map(OtlpEnvironment::tracesUrl));
    }

    private Optional<String> envLogs() {
        return var("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT")
                .or(() -> var("OTEL_EXPORTER_OTLP_ENDPOINT").map(b -> OtlpEnvironment.standardSignalUrl(b,
                        "/v1/logs")))
                .or(() -> var("OTLP_ENDPOINT").map(OtlpEnvironment::logsUrl));
    }

    private Map<String, String> headers(JsonNode s) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : java.util.List.of("OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
                "OTLP_HEADERS")) {
            var(name).ifPresent(v -> headers.putAll(OtlpEnvironment.pairs(v, true)));
        }
        var("OTLP_API_KEY").ifPresent(k -> headers.put("authorization", OtlpEnvironment.authorization(k)));
        headers.putAll(mapping(s, "headers", true));
        problems.string(s, "api_key", "tracing").filter(k -> !k.isBlank())
                .ifPresent(k -> headers.put("authorization", OtlpEnvironment.authorization(k)));
        return headers;
    }

    private Map<String, String> mapping(JsonNode s, String field, boolean lowerCaseKeys) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode m = s.get(field);
        if (problems.isMapping(m, "tracing." + field)) {
            for (var e : m.properties()) {
                if (e.getValue().isContainer()) {
                    problems.add("tracing." + field + "." + e.getKey() + ": expected a string");
                    continue;
                }
                out.put(lowerCaseKeys ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey(), e.getValue().asString());
            }
        }
        return out;
    }

    private Optional<String> var(String name) {
        return env.apply(name).map(String::strip).filter(v -> !v.isEmpty());
    }
}
