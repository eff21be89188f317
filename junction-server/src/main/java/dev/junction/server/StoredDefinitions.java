package dev.junction.server;

import dev.junction.config.GatewayConfig;
import dev.junction.config.StoredConfigMerger;
import dev.junction.governance.GovernanceSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers and routes stored through the admin API, as merged into the running configuration: which snapshot's
 * definitions are in effect, and which of them were left out (so that a definition newly left out is logged once at
 * WARN, and one back in effect once at INFO). Confined to the server's configuration lock.
 */
final class StoredDefinitions {

    private static final Logger LOG = LoggerFactory.getLogger(StoredDefinitions.class);

    private final StoredConfigMerger merger;
    private GovernanceSnapshot inEffect;
    private Set<String> leftOut = Set.of();

    StoredDefinitions(StoredConfigMerger merger) {
        this.merger = merger;
    }

    /** Whether this snapshot's stored definitions differ from those in effect. */
    boolean changedIn(GovernanceSnapshot snapshot) {
        return snapshot.storedConfigDiffers(inEffect);
    }

    /** The configuration merged with a snapshot's stored definitions, which are then the ones in effect. */
    GatewayConfig merge(GatewayConfig config, GovernanceSnapshot stored) {
        GatewayConfig merged = merger.merge(config, stored.storedProviders(), stored.storedRoutes());
        inEffect = stored;
        Map<String, List<String>> skipped = merged.layers().skipped();
        skipped.forEach((path, problems) -> {
            if (!leftOut.contains(path)) {
                LOG.atWarn().addKeyValue("entity", path).log("A stored definition is left out of the configuration: {}",
                        String.join("; ", problems));
            }
        });
        leftOut.stream().filter(path -> !skipped.containsKey(path)).forEach(path -> LOG.atInfo()
                .addKeyValue("entity", path).log("A stored definition left out before is no longer left out"));
        leftOut = Set.copyOf(skipped.keySet());
        return merged;
    }
}
