package dev.junction.pricing;

import dev.junction.model.Usage;
import dev.junction.routing.Price;
import java.util.Objects;
import java.util.Optional;

/**
 * What one finished request's costs are computed from.
 *
 * @param publicModel the model name the client asked for (a route name, alias, or {@code provider/model})
 * @param upstreamModel the model name the serving deployment sent upstream ({@code provider/model} or bare)
 * @param deploymentPrice the serving deployment's configured price, if it has one
 * @param usage the tokens the upstream reported, with inclusive counts
 * @param units what the request consumed besides tokens (images, seconds of audio, search units, …)
 * @param markup the caller's markup as a fraction: {@code 0.2} adds 20 %, {@code -0.1} is a 10 % discount, {@code
 *     -1.0} makes the request free
 */
public record CostInputs(String publicModel, String upstreamModel, Optional<Price> deploymentPrice, Usage usage,
                         UnitUsage units, double markup) {

    /** @throws IllegalArgumentException when the markup is not a finite number */
    public CostInputs {
        Objects.requireNonNull(publicModel, "publicModel");
        Objects.requireNonNull(upstreamModel, "upstreamModel");
        Objects.requireNonNull(deploymentPrice, "deploymentPrice");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(units, "units");
        if (!Double.isFinite(markup)) {
            throw new IllegalArgumentException("markup must be a finite number, got " + markup);
        }
    }

    /** Inputs of a request that used tokens only. */
    public CostInputs(String publicModel, String upstreamModel, Optional<Price> deploymentPrice, Usage usage,
                      double markup) {
        this(publicModel, upstreamModel, deploymentPrice, usage, UnitUsage.NONE, markup);
    }
}
