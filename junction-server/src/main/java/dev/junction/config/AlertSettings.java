package dev.junction.config;

import dev.junction.secret.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of alert channels and rules ({@code alerts:}). Immutable.
 *
 * @param channels where messages go, by name, in their order
 * @param rules what is watched, in their order
 * @param evaluateEvery how often the rules are evaluated (and the budget, spool and store states polled)
 * @param delivery the delivery queue and its retries
 */
public record AlertSettings(Map<String, Channel> channels, List<Rule> rules, Duration evaluateEvery,
                            Delivery delivery) {

    /** The settings when the configuration says nothing: no channel, no rule. */
    public static final AlertSettings DEFAULT = new AlertSettings(Map.of(), List.of(), Duration.ofSeconds(10),
            Delivery.DEFAULT);

    /** Copies the collections. */
    public AlertSettings {
        channels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(channels));
        rules = List.copyOf(rules);
        Objects.requireNonNull(evaluateEvery, "evaluateEvery");
        Objects.requireNonNull(delivery, "delivery");
    }

    /** The channel types. */
    public enum ChannelType {
        FEISHU("feishu"), WECOM("wecom"), SLACK("slack"), DINGTALK("dingtalk"), WEBHOOK("webhook");

        private final String wireName;

        ChannelType(String wireName) {
            this.wireName = wireName;
        }

        /** The name in the configuration. */
        public String wireName() {
            return wireName;
        }

        /** The type named {@code name} ({@code lark} is Feishu's international name). */
        public static Optional<ChannelType> of(String name) {
            if (name.equals("lark")) {
                return Optional.of(FEISHU);
            }
            for (ChannelType t : values()) {
                if (t.wireName.equals(name)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A place messages are sent to.
     *
     * @param name the channel's name (the only thing about it that is ever logged)
     * @param type its kind, which decides the message format and signature
     * @param url the webhook address; a credential (it carries the bot's token)
     * @param secret the signing secret, when the bot or receiver checks signatures
     */
    public record Channel(String name, ChannelType type, Secret url, Optional<Secret> secret) {}

    /** The kinds of rule. */
    public enum RuleType {
        UPSTREAM_FAILURE_RATE("upstream_failure_rate"),
        UPSTREAM_CONSECUTIVE_FAILURES("upstream_consecutive_failures"),
        UPSTREAM_KEY_INVALID("upstream_key_invalid"),
        RATE_LIMITED("rate_limited"),
        CIRCUIT_OPEN("circuit_open"),
        BUDGET("budget"),
        REQUEST_LOG("request_log"),
        DEPENDENCY_DOWN("dependency_down"),
        GUARDRAIL_HITS("guardrail_hits");

        private final String wireName;

        RuleType(String wireName) {
            this.wireName = wireName;
        }

        /** The name in the configuration. */
        public String wireName() {
            return wireName;
        }

        /** The type named {@code name}. */
        public static Optional<RuleType> of(String name) {
            for (RuleType t : values()) {
                if (t.wireName.equals(name)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One rule; the fields a type does not use keep their defaults.
     *
     * @param name the rule's name (defaults to its type)
     * @param type what it watches
     * @param byDeployment whether upstream rules group by deployment (else by provider)
     * @param threshold the share (0–1) of a rate rule, the streak of the consecutive-failures rule, the spooled
     *     records of the request-log rule, the hits in the window of the guardrail-hits rule
     * @param window the window rates and counts are taken over
     * @param minRequests the fewest attempts in the window for a rate rule to judge
     * @param after how long a circuit stays open, or a dependency down, before it is an incident
     * @param levels the budget percentages that each make an incident
     * @param coolDown the least time between two firings of the same incident
     * @param channels the channels told, all when empty
     * @param byEntityType whether the guardrail-hits rule counts by entity type (else by policy)
     */
    public record Rule(String name, RuleType type, boolean byDeployment, double threshold, Duration window,
                       int minRequests, Duration after, List<Integer> levels, Duration coolDown,
                       List<String> channels, boolean byEntityType) {

        /** Copies the lists. */
        public Rule {
            levels = List.copyOf(levels);
            channels = List.copyOf(channels);
        }

        /** A rule of a type that is not grouped by entity type. */
        public Rule(String name, RuleType type, boolean byDeployment, double threshold, Duration window,
                    int minRequests, Duration after, List<Integer> levels, Duration coolDown, List<String> channels) {
            this(name, type, byDeployment, threshold, window, minRequests, after, levels, coolDown, channels, false);
        }
    }

    /**
     * How messages are delivered.
     *
     * @param queueSize the most messages waiting (or between retries); more are counted as dead letters
     * @param retries the further tries after a failure that may pass (a 5xx, 429, a timeout or a lost connection)
     * @param backoff the wait before the first retry, doubled for each next one
     * @param timeout how long one try may take
     */
    public record Delivery(int queueSize, int retries, Duration backoff, Duration timeout) {

        /** 100 messages, 3 retries from 1 s, 10 s per try. */
        public static final Delivery DEFAULT = new Delivery(100, 3, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }
}
