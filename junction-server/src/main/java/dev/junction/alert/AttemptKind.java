package dev.junction.alert;

import dev.junction.model.GatewayError;
import java.util.Optional;

/**
 * What one upstream attempt says about its upstream. The adapters classify 401/403, 402 and an exhausted quota
 * ({@code insufficient_quota}, Anthropic's billing and spend-limit errors, Gemini's {@code API_KEY_INVALID}) as a
 * non-retryable bad gateway marked {@link GatewayError.BadGateway#credentialsRefused()}.
 */
enum AttemptKind {
    /** It answered. */
    OK,
    /** It failed on its side: unreachable, overloaded, timed out, a 5xx or an unusable reply. */
    FAILED,
    /** It refused the gateway's own key or account (and failed, so it counts as a failure too). */
    KEY_REFUSED,
    /** It said 429. */
    RATE_LIMITED,
    /** It refused the request as the client's fault: says nothing about the upstream's health. */
    CLIENT_ERROR;

    static AttemptKind of(Optional<GatewayError> error) {
        if (error.isEmpty()) {
            return OK;
        }
        return switch (error.get()) {
            case GatewayError.RateLimited r -> RATE_LIMITED;
            case GatewayError.BadGateway b when b.credentialsRefused() -> KEY_REFUSED;
            case GatewayError.BadGateway b -> FAILED;
            case GatewayError.Unavailable u -> FAILED;
            case GatewayError.Timeout t -> FAILED;
            case GatewayError.Internal i -> FAILED;
            default -> CLIENT_ERROR;
        };
    }

    /** Whether the upstream failed (a refused key included). */
    boolean failed() {
        return this == FAILED || this == KEY_REFUSED;
    }
}
