package dev.junction.routing.health;

import dev.junction.model.GatewayError;
import java.time.Duration;
import java.util.Optional;

/**
 * How a failed attempt is judged.
 *
 * @param name a short class for logs and the admin API ({@code timeout}, {@code rate_limited}, {@code http_502}, …)
 * @param deploymentFault whether it counts towards opening the deployment's circuit
 * @param coolDown how long the deployment should rest, when the error asks for it
 */
record FailureClass(String name, boolean deploymentFault, Optional<Duration> coolDown) {

    /**
     * Judges {@code error}. The deployment's fault: a bad gateway (5xx, unusable reply, refused gateway credentials),
     * unavailability, a timeout, and a 404 (the upstream does not serve the configured model). A rate limit rests
     * the deployment for its {@code Retry-After}, or {@code rateLimitCoolDown} when it gave none, without counting;
     * unavailability with a {@code Retry-After} both counts and rests. Anything else is the client's or the
     * gateway's own doing and counts as neither.
     */
    static FailureClass of(GatewayError error, Duration rateLimitCoolDown) {
        return switch (error) {
            case GatewayError.RateLimited r ->
                    new FailureClass("rate_limited", false, Optional.of(r.retryAfter().orElse(rateLimitCoolDown)));
            case GatewayError.Unavailable u -> new FailureClass("unavailable", true, u.retryAfter());
            case GatewayError.Timeout _ -> fault("timeout");
            case GatewayError.BadGateway _ -> fault("http_502");
            case GatewayError.UpstreamRejected u when u.status() == 404 -> fault("http_404");
            case GatewayError.UpstreamRejected u -> neither("http_" + u.status());
            case GatewayError.InvalidRequest _ -> neither("invalid_request");
            case GatewayError.Internal _ -> neither("internal");
            default -> neither("http_" + error.status());
        };
    }

    private static FailureClass fault(String name) {
        return new FailureClass(name, true, Optional.empty());
    }

    private static FailureClass neither(String name) {
        return new FailureClass(name, false, Optional.empty());
    }
}
