package dev.junction.config;

import dev.junction.secret.Secret;
import java.util.Optional;

/**
 * The settings of the Prometheus endpoint ({@code metrics:}). Immutable.
 *
 * @param enabled whether {@code GET /metrics} is served at all (default true)
 * @param token a bearer token that may read the metrics besides the admin keys ({@code metrics.token}, else
 *     {@code JUNCTION_METRICS_TOKEN})
 * @param port a listener of its own for {@code /metrics} (on the server's host); there it needs no credential unless
 *     a token is set (0: any free port). Empty: served on the gateway's port, behind the admin key or the token
 * @param keyNames whether request counters carry the gateway key's name as a label (default false: names are chosen
 *     by operators, but there can be many)
 */
public record MetricsSettings(boolean enabled, Optional<Secret> token, Optional<Integer> port, boolean keyNames) {

    /** The settings when the configuration says nothing. */
    public static final MetricsSettings DEFAULT = new MetricsSettings(true, Optional.empty(), Optional.empty(),
            false);
}
