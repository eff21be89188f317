package dev.junction.routing;

import dev.junction.model.GatewayError;
import java.util.Optional;

/**
 * What one attempt did.
 *
 * @param step where it went
 * @param error why it failed, absent when it succeeded
 * @param latencyMs from sending to the reply (or the first stream event) or the failure
 */
public record AttemptRecord(Deployment step, Optional<GatewayError> error, long latencyMs) {

    /** {@code provider/model=status@ms}, the form used in the {@code X-Junction-Attempts} header. */
    public String summary() {
        return step.label() + "=" + error.map(GatewayError::status).orElse(200) + "@" + latencyMs + "ms";
    }
}
