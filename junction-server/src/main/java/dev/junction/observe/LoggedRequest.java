package dev.junction.observe;

import dev.junction.entity.Attribution;
import dev.junction.model.Usage;
import dev.junction.pricing.Costs;
import java.time.Instant;
import java.util.Optional;

/**
 * One finished request as it is stored in the request log. Immutable; built on the event loop when the request ends
 * and handed to the write-behind writer.
 *
 * @param requestId the request's id ({@code X-Request-Id})
 * @param startedAt when the gateway received it
 * @param caller who it is billed to
 * @param endpoint the path called
 * @param publicModel the model the client asked for
 * @param provider the provider that answered (or was tried last); empty string when none was reached
 * @param deployment the deployment id that answered (or was tried last); empty string when none was reached
 * @param upstreamModel the model name the provider knows
 * @param stream whether the client asked for a stream
 * @param cacheHit whether the answer came from the gateway's cache
 * @param status the HTTP status the client got
 * @param latencyMillis time until the response ended
 * @param ttfbMillis time until the first byte of the body, -1 when none was sent
 * @param usage the tokens used
 * @param costs the three cost layers
 * @param attempts every attempt as {@code deployment:status:reason}, comma separated; empty when none
 * @param errorType the error's kind ({@code rate_limited}, {@code budget_exceeded}, …) when the request failed
 * @param errorMessage the error's message (already redacted) when the request failed
 * @param requestBody the captured request body, when body capture is on for the key
 * @param responseBody the captured response body, when body capture is on for the key
 * @param source whether a data-plane client or the console's playground made it
 */
public record LoggedRequest(String requestId, Instant startedAt, Attribution caller, String endpoint,
                            String publicModel, String provider, String deployment, String upstreamModel,
                            boolean stream, boolean cacheHit, int status, long latencyMillis, long ttfbMillis,
                            Usage usage, Costs costs, String attempts, Optional<String> errorType,
                            Optional<String> errorMessage, Optional<String> requestBody,
                            Optional<String> responseBody, RequestSource source) {

    /** A request of a data-plane client ({@link RequestSource#API}). */
    public LoggedRequest(String requestId, Instant startedAt, Attribution caller, String endpoint,
                         String publicModel, String provider, String deployment, String upstreamModel,
                         boolean stream, boolean cacheHit, int status, long latencyMillis, long ttfbMillis,
                         Usage usage, Costs costs, String attempts, Optional<String> errorType,
                         Optional<String> errorMessage, Optional<String> requestBody,
                         Optional<String> responseBody) {
        this(requestId, startedAt, caller, endpoint, publicModel, provider, deployment, upstreamModel, stream,
                cacheHit, status, latencyMillis, ttfbMillis, usage, costs, attempts, errorType, errorMessage,
                requestBody, responseBody, RequestSource.API);
    }
}
