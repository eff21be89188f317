package dev.junction.config;

import dev.junction.routing.FallbackRules;
import dev.junction.routing.RetryPolicy;
import dev.junction.routing.health.HealthPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads the {@code retry}, {@code fallback} and {@code health} sections; absent keys keep the defaults. */
final class PolicyReader {

    private static final Set<String> RETRY = Set.of("attempts", "backoff", "max_backoff", "max_retry_after");
    private static final Set<String> FALLBACK = Set.of("statuses", "content_policy", "context_window");
    private static final Set<String> HEALTH = Set.of("consecutive_failures", "error_rate", "min_requests", "window",
            "cool_down");

    private PolicyReader() {}

    static RetryPolicy retry(JsonNode node, String path, Problems problems) {
        RetryPolicy d = RetryPolicy.DEFAULTS;
        if (!problems.isMapping(node, path)) {
            return d;
        }
        problems.onlyKeys(node, path, RETRY);
        int attempts = problems.integer(node, "attempts", path, 1, 100).orElse(d.maxAttempts());
        Duration backoff = problems.duration(node, "backoff", path).orElse(d.initialBackoff());
        Duration maxBackoff = problems.duration(node, "max_backoff", path).orElse(d.maxBackoff());
        if (maxBackoff.compareTo(backoff) < 0) {
            problems.add(path + ".max_backoff: must be at least the backoff (" + backoff.toMillis() + "ms), got "
                    + maxBackoff.toMillis() + "ms");
        }
        return new RetryPolicy(attempts, backoff, maxBackoff,
                problems.duration(node, "max_retry_after", path).orElse(d.maxRetryAfter()));
    }

    /** The route named by {@code content_policy} is checked by the caller, once every route is known. */
    static FallbackRules fallback(JsonNode node, String path, Problems problems) {
        FallbackRules d = FallbackRules.DEFAULTS;
        if (!problems.isMapping(node, path)) {
            return d;
        }
        problems.onlyKeys(node, path, FALLBACK);
        Set<Integer> statuses = new HashSet<>(problems.integers(node, "statuses", path, 400, 599));
        Optional<String> contentPolicy = problems.string(node, "content_policy", path).filter(s -> !s.isBlank());
        return new FallbackRules(statuses, contentPolicy,
                problems.bool(node, "context_window", path).orElse(d.contextWindow()));
    }

    static HealthPolicy health(JsonNode node, Problems problems) {
        HealthPolicy d = HealthPolicy.DEFAULTS;
        String path = "health";
        if (!problems.isMapping(node, path)) {
            return d;
        }
        problems.onlyKeys(node, path, HEALTH);
        return new HealthPolicy(
                problems.integer(node, "consecutive_failures", path, 1, 1_000_000).orElse(d.consecutiveFailures()),
                problems.number(node, "error_rate", path, 0.01, 1).orElse(d.errorRate()),
                problems.integer(node, "min_requests", path, 1, 1_000_000).orElse(d.minRequests()),
                problems.duration(node, "window", path).orElse(d.window()),
                problems.duration(node, "cool_down", path).orElse(d.coolDown()));
    }
}
