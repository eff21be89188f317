package dev.junction.routing;

import dev.junction.model.GatewayError;
import java.time.Instant;
import java.util.Optional;

/**
 * What one attempt did.
 *
 * @param step where it went
 * @param error why it failed, absent when it succeeded
 * @param latencyMs from sending to the reply (or the first stream event) or the failure
 * @param startedAt when it was sent (wall clock), for traces that place it in time
 */
public record AttemptRecord(Deployment step, Optional<GatewayError> error, long latencyMs, Instant startedAt) {

    /**
     * {@code deployment=status@ms}, with the failure's reason when it failed ({@code
     * openai/gpt-4o=429:rate_limited@12ms}): the form of the {@code X-Junction-Attempts} header and the request log.
     */
    public String summary() {
        return step.id() + "=" + error.map(e -> e.status() + ":" + reason(e)).orElse("200") + "@" + latencyMs + "ms";
    }

    /** A short, stable name for why an attempt failed, for logs, headers and health. */
    public static String reason(GatewayError error) {
        return switch (error) {
            case GatewayError.RateLimited r -> "rate_limited";
            case GatewayError.Timeout t -> "timeout";
            case GatewayError.Unavailable u -> "unavailable";
            case GatewayError.BadGateway b -> "upstream_error";
            case GatewayError.ContextWindowExceeded c -> "context_window";
            case GatewayError.ContentFiltered c -> "content_policy";
            case GatewayError.UpstreamRejected u -> "rejected";
            case GatewayError.InvalidRequest i -> "invalid_request";
            case GatewayError.Unauthorized u -> "unauthorized";
            case GatewayError.ModelNotFound m -> "model_not_found";
            case GatewayError.NotFound n -> "not_found";
            case GatewayError.MethodNotAllowed m -> "method_not_allowed";
            case GatewayError.PayloadTooLarge p -> "too_large";
            case GatewayError.Internal i -> "internal";
            case GatewayError.BudgetExceeded b -> "budget_exceeded";
            case GatewayError.PermissionDenied d -> "permission_denied";
        };
    }
}
