package dev.junction.routing;

import dev.junction.provider.ParamRules;
import dev.junction.provider.Timeouts;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One place a route can send a request: a provider, the model name it knows, and everything routing needs to choose
 * it. Immutable.
 *
 * @param id a stable name, unique in the gateway ({@code provider/model} unless configured): health and strategy
 *     state are kept under it, and headers and logs show it
 * @param weight relative share for weighted strategies (at least 1)
 * @param tags free labels; {@code free-tier} is read by the free-tier-first strategy
 * @param rpm the deployment's own requests-per-minute limit, when it has one
 * @param tpm the deployment's own tokens-per-minute limit, when it has one
 * @param price its configured price: orders least-cost routing and meters the requests it serves
 * @param params parameter rules for this deployment, applied after the provider's
 * @param timeouts timeouts for this deployment, replacing the provider's
 * @param healthCheck how often to send it a cheap request of the gateway's own (an active health check), if at all
 */
public record Deployment(String id, String provider, String model, int weight, Set<String> tags,
                         Capabilities capabilities, OptionalInt rpm, OptionalInt tpm, Optional<Price> price,
                         ParamRules params, Optional<Timeouts> timeouts, Optional<Duration> healthCheck) {

    /** The tag that marks free-tier deployments. */
    public static final String FREE_TIER = "free-tier";

    public Deployment {
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, got " + weight);
        }
        tags = Set.copyOf(tags);
    }

    /** A deployment without active health checks. */
    public Deployment(String id, String provider, String model, int weight, Set<String> tags,
                      Capabilities capabilities, OptionalInt rpm, OptionalInt tpm, Optional<Price> price,
                      ParamRules params, Optional<Timeouts> timeouts) {
        this(id, provider, model, weight, tags, capabilities, rpm, tpm, price, params, timeouts, Optional.empty());
    }

    /** A deployment with defaults: id {@code provider/model}, weight 1, nothing else known. */
    public static Deployment of(String provider, String model, ParamRules params) {
        return new Deployment(provider + "/" + model, provider, model, 1, Set.of(), Capabilities.UNKNOWN,
                OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), params, Optional.empty());
    }

    /** {@code provider/model}, for logs and headers. */
    public String label() {
        return provider + "/" + model;
    }

    /** Whether it carries the {@code free-tier} tag. */
    public boolean freeTier() {
        return tags.contains(FREE_TIER);
    }
}
