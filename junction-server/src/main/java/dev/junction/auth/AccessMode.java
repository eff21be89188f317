package dev.junction.auth;

import dev.junction.config.GatewayConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the data plane serves callers that present no key. A gateway is <b>closed</b> (every request needs a key)
 * as soon as it is governed: a gateway key or an admin key is configured, {@code auth.required} is set, or the store
 * held a virtual key when the process started. Only a gateway with none of these is <b>open</b>. The store's part is
 * read once, at start-up: a replica never opens or closes because another replica added or removed the first key.
 * Immutable.
 *
 * @param closed whether a key is required
 * @param reasons why it is closed, for the start-up log and {@code /ready}; empty when open
 */
public record AccessMode(boolean closed, List<String> reasons) {

    /** Copies the reasons. */
    public AccessMode {
        reasons = List.copyOf(reasons);
    }

    /**
     * The mode of a configuration on a gateway whose store did or did not hold a virtual key at start-up.
     *
     * @param storeHadVirtualKeys whether the store held a virtual key when this process started
     */
    public static AccessMode of(GatewayConfig config, boolean storeHadVirtualKeys) {
        List<String> reasons = new ArrayList<>();
        if (!config.keys().isEmpty()) {
            reasons.add("gateway keys are configured");
        }
        if (!config.adminKeys().isEmpty()) {
            reasons.add("an admin key is configured");
        }
        if (config.authRequired()) {
            reasons.add("auth.required is set");
        }
        if (storeHadVirtualKeys) {
            reasons.add("the store holds virtual keys");
        }
        return new AccessMode(!reasons.isEmpty(), reasons);
    }

    /** {@code closed} or {@code open}, as {@code /ready} shows it. */
    public String wireName() {
        return closed ? "closed" : "open";
    }
}
