package dev.junction.entity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a tenant decides for its own traffic, besides its markup and disabled capabilities (which are fields of the
 * {@link Tenant} itself): the providers it may use, the routing strategy of its requests, how its bodies are
 * captured and how long its request log is kept. Every part is optional: absent, the gateway's own behaviour
 * applies. Immutable.
 *
 * @param allowedProviders the providers its requests may be routed to (by provider name); empty for every provider
 * @param routingStrategy the strategy its requests spread each route group's traffic with, in place of the route's
 *     own; empty for the route's
 * @param capture how its bodies are kept; empty for as its keys and the configuration say
 * @param retentionDays how many days its request-log entries are kept, when shorter than the gateway's retention;
 *     empty for the gateway's
 */
public record TenantSettings(List<String> allowedProviders, Optional<String> routingStrategy,
                             Optional<CapturePolicy> capture, OptionalInt retentionDays) {

    /** Nothing decided: the gateway's behaviour everywhere. */
    public static final TenantSettings DEFAULTS = new TenantSettings(List.of(), Optional.empty(), Optional.empty(),
            OptionalInt.empty());

    /** The longest retention a tenant may set, in days (ten years). */
    public static final int MAX_RETENTION_DAYS = 3650;

    /** Copies the list; checks the retention. */
    public TenantSettings {
        allowedProviders = List.copyOf(allowedProviders);
        Objects.requireNonNull(routingStrategy, "routingStrategy");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(retentionDays, "retentionDays");
        if (retentionDays.isPresent() && (retentionDays.getAsInt() < 1
                || retentionDays.getAsInt() > MAX_RETENTION_DAYS)) {
            throw new IllegalArgumentException("retention is 1 to " + MAX_RETENTION_DAYS + " days");
        }
    }

    /** Whether the tenant's requests may go to this provider. */
    public boolean allowsProvider(String provider) {
        return allowedProviders.isEmpty() || allowedProviders.contains(provider);
    }

    /** Whether the tenant changes where or how its requests are routed. */
    public boolean shapesRouting() {
        return !allowedProviders.isEmpty() || routingStrategy.isPresent();
    }
}
