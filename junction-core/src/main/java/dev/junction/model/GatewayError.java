package dev.junction.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything that can go wrong with a request, as a closed set. Each kind knows its HTTP status, whether the same
 * request may succeed if repeated ({@link #retryable()}), and whether the router may try another deployment
 * ({@link #fallbackAllowed()}). Dialects render each kind in their own error shape; messages never contain secrets.
 */
public sealed interface GatewayError {

    /** The HTTP status to answer with. */
    int status();

    /** A human-readable explanation, safe to show to the caller. */
    String message();

    /** Whether repeating the same request may succeed. */
    default boolean retryable() {
        return false;
    }

    /** Whether the router may try the next deployment. */
    default boolean fallbackAllowed() {
        return retryable();
    }

    /** How long the caller should wait before retrying, when known. */
    default Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** The request is malformed or has a bad field. {@code param} names the field when known. */
    record InvalidRequest(String message, Optional<String> param, Optional<String> code) implements GatewayError {
        public InvalidRequest(String message) {
            this(message, Optional.empty(), Optional.empty());
        }

        @Override
        public int status() {
            return 400;
        }
    }

    /** The caller's key is missing or wrong. */
    record Unauthorized(String message) implements GatewayError {
        @Override
        public int status() {
            return 401;
        }
    }

    /** The requested model is not served by this gateway. */
    record ModelNotFound(String model, List<String> known) implements GatewayError {
        public ModelNotFound {
            known = List.copyOf(known);
        }

        @Override
        public int status() {
            return 404;
        }

        @Override
        public String message() {
            int shown = Math.min(known.size(), 50);
            String list = String.join(", ", known.subList(0, shown)) + (known.size() > shown ? ", …" : "");
            return "The model `" + model + "` does not exist on this gateway. Known models: " + list;
        }
    }

    /** The path does not exist. */
    record NotFound(String message) implements GatewayError {
        @Override
        public int status() {
            return 404;
        }
    }

    /** The HTTP method is not allowed on this path. */
    record MethodNotAllowed(String message) implements GatewayError {
        @Override
        public int status() {
            return 405;
        }
    }

    /** The request body exceeds the configured limit. */
    record PayloadTooLarge(long limitBytes) implements GatewayError {
        @Override
        public int status() {
            return 413;
        }

        @Override
        public String message() {
            return "Request body too large: the limit is " + limitBytes + " bytes.";
        }
    }

    /**
     * The caller's key may not do this: the model is outside its scope, the key has expired or is disabled, or the
     * client's address is not on its allow-list.
     */
    record PermissionDenied(String message) implements GatewayError {
        @Override
        public int status() {
            return 403;
        }
    }

    /**
     * A budget of the caller (its key, user, team or tenant) has no room for the request's worst-case cost. Not
     * retryable until the budget's period resets: OpenAI clients get 429 {@code insufficient_quota}, Anthropic clients
     * 402 {@code billing_error}, Gemini clients 429 {@code RESOURCE_EXHAUSTED}.
     */
    record BudgetExceeded(String message) implements GatewayError {
        @Override
        public int status() {
            return 429;
        }
    }

    /** A rate limit was hit, at the gateway or at the upstream. */
    record RateLimited(String message, Optional<Duration> retryAfter) implements GatewayError {
        @Override
        public int status() {
            return 429;
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /**
     * The upstream rejected the request as the client's fault (a 4xx other than auth and rate limits): relayed with
     * the upstream's status, type and message, so the client learns what to fix.
     */
    record UpstreamRejected(int status, String message, Optional<String> type, Optional<String> param,
                            Optional<String> code) implements GatewayError {

        /**
         * A 404 on a fixed endpoint means the upstream does not serve the configured model (retired, renamed, not
         * deployed): a fault of that step's configuration, which another step may not share. Other client errors
         * would fail the same way everywhere.
         */
        @Override
        public boolean fallbackAllowed() {
            return status == 404;
        }
    }

    /**
     * The request does not fit the model's context window. The route may move on to a deployment with a larger
     * window; the client gets a 400 when none can take it.
     */
    record ContextWindowExceeded(String message) implements GatewayError {
        @Override
        public int status() {
            return 400;
        }
    }

    /**
     * The upstream refused the request on content policy. The route may move on to a fallback route configured for
     * this case; otherwise the client gets the 400.
     */
    record ContentFiltered(String message) implements GatewayError {
        @Override
        public int status() {
            return 400;
        }
    }

    /**
     * The upstream answered with a server error, an unusable reply, or refused the gateway's own credentials
     * ({@code credentialsRefused}).
     */
    record BadGateway(String message, boolean retryable, boolean credentialsRefused) implements GatewayError {

        /** A bad gateway that says nothing about the gateway's own credentials. */
        public BadGateway(String message, boolean retryable) {
            this(message, retryable, false);
        }

        /**
         * The upstream refused the gateway's own key or account (401/403, 402, no quota left): not retryable, and
         * what alerts on invalid upstream keys look for.
         */
        public static BadGateway refusedCredentials(String message) {
            return new BadGateway(message, false, true);
        }

        @Override
        public int status() {
            return 502;
        }

        @Override
        public boolean fallbackAllowed() {
            return true;
        }
    }

    /** The upstream could not be reached, or is overloaded. */
    record Unavailable(String message, Optional<Duration> retryAfter) implements GatewayError {
        @Override
        public int status() {
            return 503;
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The upstream did not answer in time. */
    record Timeout(String message) implements GatewayError {
        @Override
        public int status() {
            return 504;
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** A fault inside the gateway. */
    record Internal(String message) implements GatewayError {
        @Override
        public int status() {
            return 500;
        }
    }
}
