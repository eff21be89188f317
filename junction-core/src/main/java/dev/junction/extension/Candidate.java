package dev.junction.extension;

import java.util.Set;

/**
 * A deployment a request may be sent to, as a {@link RoutingHook} sees it.
 *
 * @param id the deployment's id ({@code provider/model} unless configured)
 * @param provider the provider's name
 * @param model the model at that provider
 * @param tags the deployment's tags
 */
public record Candidate(String id, String provider, String model, Set<String> tags) {
    public Candidate {
        tags = Set.copyOf(tags);
    }
}
