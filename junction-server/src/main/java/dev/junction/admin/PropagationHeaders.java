package dev.junction.admin;

import dev.junction.replica.Confirmation;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an admin answer reports how far its change got among the replicas: {@code X-Junction-Propagation}
 * ({@code confirmed}, {@code unconfirmed}, {@code polling}), {@code X-Junction-Revision}, and the replica ids in
 * {@code X-Junction-Confirmed-By} and {@code X-Junction-Unconfirmed}. An unconfirmed change is also logged. Event-loop
 * only.
 */
final class PropagationHeaders {

    private static final Logger LOG = LoggerFactory.getLogger(PropagationHeaders.class);

    private PropagationHeaders() {}

    static void set(HttpServerResponse response, Confirmation confirmation) {
        response.putHeader("x-junction-propagation", confirmation.status())
                .putHeader("x-junction-revision", Long.toString(confirmation.revision()));
        if (!confirmation.confirmed().isEmpty()) {
            response.putHeader("x-junction-confirmed-by", String.join(",", confirmation.confirmed()));
        }
        if (!confirmation.unconfirmed().isEmpty()) {
            response.putHeader("x-junction-unconfirmed", String.join(",", confirmation.unconfirmed()));
            LOG.atWarn().addKeyValue("revision", confirmation.revision())
                    .addKeyValue("unconfirmed", String.join(",", confirmation.unconfirmed()))
                    .log("A change is in force here, but not every live replica confirmed it in time; they apply it "
                            + "when they next poll the store");
        }
    }
}
