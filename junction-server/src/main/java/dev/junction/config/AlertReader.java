package dev.junction.config;

import dev.junction.config.AlertSettings.Channel;
import dev.junction.config.AlertSettings.ChannelType;
import dev.junction.config.AlertSettings.Delivery;
import dev.junction.config.AlertSettings.Rule;
import dev.junction.config.AlertSettings.RuleType;
import dev.junction.secret.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads the `alerts:` section into {@link AlertSettings}: channels by name, rules in order (each type with its own
 * defaults), the evaluation period and the delivery queue. Webhook addresses and signing secrets usually come from
 * {@code ${VAR}}s, substituted before this reader sees them.
 */
final class AlertReader {

    private static final Set<String> TOP = Set.of("channels", "rules", "evaluate_every", "delivery");
    private static final Set<String> CHANNEL = Set.of("type", "url", "secret");
    private static final Set<String> RULE = Set.of("name", "type", "by", "threshold", "window", "min_requests",
            "after", "levels", "cool_down", "channels");
    /** A stored rule's definition: a file rule's keys but its name, which the store keeps beside it. */
    private static final Set<String> STORED_RULE = RULE.stream().filter(k -> !k.equals("name"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Set<String> DELIVERY = Set.of("queue", "retries", "backoff", "timeout");
    private static final Duration COOL_DOWN = Duration.ofMinutes(15);

    private final Function<String, Optional<String>> env;
    private final Problems problems;

    AlertReader(Function<String, Optional<String>> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** @param node the section, null when absent */
    AlertSettings read(JsonNode node) {
        if (!problems.isMapping(node, "alerts")) {
            return AlertSettings.DEFAULT;
        }
        problems.onlyKeys(node, "alerts", TOP);
        Map<String, Channel> channels = channels(node.get("channels"));
        List<Rule> rules = rules(node.get("rules"), channels::containsKey);
        Duration every = problems.duration(node, "evaluate_every", "alerts")
                .orElse(AlertSettings.DEFAULT.evaluateEvery());
        return new AlertSettings(channels, rules, every, delivery(node.get("delivery")));
    }

    private Map<String, Channel> channels(JsonNode node) {
        Map<String, Channel> out = new LinkedHashMap<>();
        if (!problems.isMapping(node, "alerts.channels")) {
            return out;
        }
        for (var entry : node.properties()) {
            String path = "alerts.channels." + entry.getKey();
            JsonNode c = entry.getValue();
            if (!problems.isMapping(c, path)) {
                continue;
            }
            problems.onlyKeys(c, path, CHANNEL);
            Optional<ChannelType> type = problems.requiredString(c, "type", path).flatMap(t -> {
                Optional<ChannelType> known = ChannelType.of(t);
                if (known.isEmpty()) {
                    problems.add(path + ".type: expected feishu, lark, wecom, slack, dingtalk or webhook, got '" + t
                            + "'");
                }
                return known;
            });
            // The address is a credential: a problem names the field, never the value.
            Optional<String> url = problems.requiredString(c, "url", path).filter(u -> {
                boolean ok = u.startsWith("https://") || u.startsWith("http://");
                if (!ok) {
                    problems.add(path + ".url: expected an http:// or https:// address");
                }
                return ok;
            });
            Optional<Secret> secret = problems.string(c, "secret", path).filter(s -> !s.isBlank()).map(Secret::of);
            if (type.isPresent() && url.isPresent()) {
                out.put(entry.getKey(), new Channel(entry.getKey(), type.get(), Secret.of(url.get()), secret));
            }
        }
        return out;
    }

    /**
     * A rule kept in the store: {@code definition} has a file rule's keys but {@code name}; channels it names must
     * satisfy {@code channelExists}.
     */
    Optional<Rule> stored(String name, JsonNode definition, java.util.function.Predicate<String> channelExists) {
        if (definition == null || !definition.isObject()) {
            problems.add("the rule's definition must be a JSON object");
            return Optional.empty();
        }
        problems.onlyKeys(definition, "", STORED_RULE);
        return rule(definition, "", channelExists).map(r -> new Rule(name, r.type(), r.byDeployment(), r.threshold(),
                r.window(), r.minRequests(), r.after(), r.levels(), r.coolDown(), r.channels(), r.byEntityType()));
    }

    private List<Rule> rules(JsonNode node, java.util.function.Predicate<String> channels) {
        List<Rule> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problems.add("alerts.rules: expected a list");
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "alerts.rules[" + i + "]";
            JsonNode r = node.get(i);
            if (!problems.isMapping(r, path)) {
                continue;
            }
            problems.onlyKeys(r, path, RULE);
            rule(r, path, channels).ifPresent(rule -> {
                if (!names.add(rule.name())) {
                    problems.add(path + ".name: another rule is named '" + rule.name() + "'");
                }
                out.add(rule);
            });
        }
        return out;
    }

    private Optional<Rule> rule(JsonNode r, String path, java.util.function.Predicate<String> channelExists) {
        Optional<RuleType> type = problems.requiredString(r, "type", path).flatMap(t -> {
            Optional<RuleType> known = RuleType.of(t);
            if (known.isEmpty()) {
                problems.add(Problems.prefix(path) + "type: unknown rule type '" + t + "' (expected one of "
                        + String.join(", ", java.util.Arrays.stream(RuleType.values()).map(RuleType::wireName)
                        .toList()) + ")");
            }
            return known;
        });
        if (type.isEmpty()) {
            return Optional.empty();
        }
        RuleType t = type.get();
        boolean guardrails = t == RuleType.GUARDRAIL_HITS;
        String by = problems.string(r, "by", path).orElse(guardrails ? "policy" : "provider");
        if (guardrails && !by.equals("policy") && !by.equals("entity_type")) {
            problems.add(Problems.prefix(path) + "by: expected policy or entity_type, got '" + by + "'");
        } else if (!guardrails && !by.equals("provider") && !by.equals("deployment")) {
            problems.add(Problems.prefix(path) + "by: expected provider or deployment, got '" + by + "'");
        }
        boolean counted = t == RuleType.UPSTREAM_CONSECUTIVE_FAILURES || t == RuleType.REQUEST_LOG || guardrails;
        double threshold = (counted ? problems.integer(r, "threshold", path, 1, Integer.MAX_VALUE).map(n -> (double) n)
                : problems.number(r, "threshold", path, 0, 1)).orElse(defaultThreshold(t));
        Duration window = problems.duration(r, "window", path).orElse(defaultWindow(t));
        int minRequests = problems.integer(r, "min_requests", path, 1, Integer.MAX_VALUE).orElse(defaultMin(t));
        Duration after = problems.string(r, "after", path).map(text -> text.strip().equals("0") ? Duration.ZERO
                : problems.duration(r, "after", path).orElse(Duration.ZERO)).orElse(defaultAfter(t));
        List<Integer> levels = problems.integers(r, "levels", path, 1, 1000);
        if (levels.isEmpty()) {
            levels = List.of(50, 80, 100);
        }
        Duration coolDown = problems.duration(r, "cool_down", path).orElse(COOL_DOWN);
        List<String> told = problems.strings(r, "channels", path);
        for (String c : told) {
            if (!channelExists.test(c)) {
                problems.add(Problems.prefix(path) + "channels: there is no channel '" + c + "'");
            }
        }
        String name = problems.string(r, "name", path).orElse(t.wireName());
        return Optional.of(new Rule(name, t, by.equals("deployment"), threshold, window, minRequests, after,
                levels.stream().sorted().distinct().toList(), coolDown, told, by.equals("entity_type")));
    }

    private Delivery delivery(JsonNode node) {
        Delivery d = Delivery.DEFAULT;
        if (!problems.isMapping(node, "alerts.delivery")) {
            return d;
        }
        problems.onlyKeys(node, "alerts.delivery", DELIVERY);
        return new Delivery(problems.integer(node, "queue", "alerts.delivery", 1, 100_000).orElse(d.queueSize()),
                problems.integer(node, "retries", "alerts.delivery", 0, 20).orElse(d.retries()),
                problems.duration(node, "backoff", "alerts.delivery").orElse(d.backoff()),
                problems.duration(node, "timeout", "alerts.delivery").orElse(d.timeout()));
    }

    private static double defaultThreshold(RuleType t) {
        return switch (t) {
            case UPSTREAM_FAILURE_RATE -> 0.5;
            case UPSTREAM_CONSECUTIVE_FAILURES -> 5;
            case RATE_LIMITED -> 0.2;
            case REQUEST_LOG -> 1000;
            case GUARDRAIL_HITS -> 10;
            default -> 0;
        };
    }

    private static Duration defaultWindow(RuleType t) {
        return t == RuleType.UPSTREAM_KEY_INVALID || t == RuleType.REQUEST_LOG ? Duration.ofMinutes(10)
                : Duration.ofMinutes(5);
    }

    private static int defaultMin(RuleType t) {
        return switch (t) {
            case UPSTREAM_FAILURE_RATE -> 10;
            case RATE_LIMITED -> 20;
            default -> 1;
        };
    }

    private static Duration defaultAfter(RuleType t) {
        return t == RuleType.DEPENDENCY_DOWN ? Duration.ofMinutes(1) : Duration.ZERO;
    }
}
