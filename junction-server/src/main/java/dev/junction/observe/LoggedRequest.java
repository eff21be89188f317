package dev.junction.observe;

import dev.junction.budget.Settlement;
import dev.junction.entity.Attribution;
import dev.junction.model.Usage;
import dev.junction.pricing.Costs;
import dev.junction.pricing.UnitUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * @param attemptLog every attempt with its deployment, provider, status, reason and timing; empty for entries
 *     logged before it was kept (their {@code attempts} string is all there is)
 * @param responseHeaders the headers the client got that the log keeps ({@link ResponseHeaders}); empty when none
 * @param source where the request came from
 * @param guardrails the guardrails' results, when any policy applied
 * @param units what the request consumed besides tokens (images, seconds of audio, search units); empty for most
 * @param cache what the response cache did: hit (exact, semantic) with the cost it saved, miss, bypass, or none
 * @param budget how the request's budget reservation ended, when it had one: kept in the journal (not in the
 *     database) so that delivering a record settles the budgets of a request whose gateway was killed before it did
 */
public record LoggedRequest(String requestId, Instant startedAt, Attribution caller, String endpoint,
                            String publicModel, String provider, String deployment, String upstreamModel,
                            boolean stream, boolean cacheHit, int status, long latencyMillis, long ttfbMillis,
                            Usage usage, Costs costs, String attempts, Optional<String> errorType,
                            Optional<String> errorMessage, Optional<String> requestBody,
                            Optional<String> responseBody, List<LoggedAttempt> attemptLog,
                            Map<String, String> responseHeaders, RequestSource source,
                            Optional<String> guardrails, UnitUsage units, CacheOutcome cache,
                            Optional<Settlement> budget) {

    /**
     * Copies the attempts (no copy when the list is already immutable, as {@link LoggedAttempt#of} makes it). The
     * headers map is taken as it is, in its order, to spare a copy per request: callers hand over one they no longer
     * change ({@link ResponseHeaders#select} makes a fresh one).
     */
    public LoggedRequest {
        attemptLog = List.copyOf(attemptLog);
        java.util.Objects.requireNonNull(responseHeaders, "responseHeaders");
        java.util.Objects.requireNonNull(source, "source");
        java.util.Objects.requireNonNull(guardrails, "guardrails");
        java.util.Objects.requireNonNull(units, "units");
        java.util.Objects.requireNonNull(cache, "cache");
        java.util.Objects.requireNonNull(budget, "budget");
    }

    /** An entry without a budget reservation. */
    public LoggedRequest(String requestId, Instant startedAt, Attribution caller, String endpoint,
                         String publicModel, String provider, String deployment, String upstreamModel,
                         boolean stream, boolean cacheHit, int status, long latencyMillis, long ttfbMillis,
                         Usage usage, Costs costs, String attempts, Optional<String> errorType,
                         Optional<String> errorMessage, Optional<String> requestBody,
                         Optional<String> responseBody, List<LoggedAttempt> attemptLog,
                         Map<String, String> responseHeaders, RequestSource source,
                         Optional<String> guardrails, UnitUsage units, CacheOutcome cache) {
        this(requestId, startedAt, caller, endpoint, publicModel, provider, deployment, upstreamModel, stream,
                cacheHit, status, latencyMillis, ttfbMillis, usage, costs, attempts, errorType, errorMessage,
                requestBody, responseBody, attemptLog, responseHeaders, source, guardrails, units, cache,
                Optional.empty());
    }

    /** An entry the response cache had nothing to do with. */
    public LoggedRequest(String requestId, Instant startedAt, Attribution caller, String endpoint,
                         String publicModel, String provider, String deployment, String upstreamModel,
                         boolean stream, boolean cacheHit, int status, long latencyMillis, long ttfbMillis,
                         Usage usage, Costs costs, String attempts, Optional<String> errorType,
                         Optional<String> errorMessage, Optional<String> requestBody,
                         Optional<String> responseBody, List<LoggedAttempt> attemptLog,
                         Map<String, String> responseHeaders, RequestSource source,
                         Optional<String> guardrails, UnitUsage units) {
        this(requestId, startedAt, caller, endpoint, publicModel, provider, deployment, upstreamModel, stream,
                cacheHit, status, latencyMillis, ttfbMillis, usage, costs, attempts, errorType, errorMessage,
                requestBody, responseBody, attemptLog, responseHeaders, source, guardrails, units, CacheOutcome.NONE);
    }

    /** An entry that used tokens only. */
    public LoggedRequest(String requestId, Instant startedAt, Attribution caller, String endpoint,
                         String publicModel, String provider, String deployment, String upstreamModel,
                         boolean stream, boolean cacheHit, int status, long latencyMillis, long ttfbMillis,
                         Usage usage, Costs costs, String attempts, Optional<String> errorType,
                         Optional<String> errorMessage, Optional<String> requestBody,
                         Optional<String> responseBody, List<LoggedAttempt> attemptLog,
                         Map<String, String> responseHeaders, RequestSource source, Optional<String> guardrails) {
        this(requestId, startedAt, caller, endpoint, publicModel, provider, deployment, upstreamModel, stream,
                cacheHit, status, latencyMillis, ttfbMillis, usage, costs, attempts, errorType, errorMessage,
                requestBody, responseBody, attemptLog, responseHeaders, source, guardrails, UnitUsage.NONE);
    }

    /** An entry without guardrail results. */
    public LoggedRequest(String requestId, Instant startedAt, Attribution caller, String endpoint,
                         String publicModel, String provider, String deployment, String upstreamModel,
                         boolean stream, boolean cacheHit, int status, long latencyMillis, long ttfbMillis,
                         Usage usage, Costs costs, String attempts, Optional<String> errorType,
                         Optional<String> errorMessage, Optional<String> requestBody,
                         Optional<String> responseBody, List<LoggedAttempt> attemptLog,
                         Map<String, String> responseHeaders, RequestSource source) {
        this(requestId, startedAt, caller, endpoint, publicModel, provider, deployment, upstreamModel, stream,
                cacheHit, status, latencyMillis, ttfbMillis, usage, costs, attempts, errorType, errorMessage,
                requestBody, responseBody, attemptLog, responseHeaders, source, Optional.empty());
    }

    /** A data-plane client's entry ({@link RequestSource#API}). */
    public LoggedRequest(String requestId, Instant startedAt, Attribution caller, String endpoint,
                         String publicModel, String provider, String deployment, String upstreamModel,
                         boolean stream, boolean cacheHit, int status, long latencyMillis, long ttfbMillis,
                         Usage usage, Costs costs, String attempts, Optional<String> errorType,
                         Optional<String> errorMessage, Optional<String> requestBody,
                         Optional<String> responseBody, List<LoggedAttempt> attemptLog,
                         Map<String, String> responseHeaders) {
        this(requestId, startedAt, caller, endpoint, publicModel, provider, deployment, upstreamModel, stream,
                cacheHit, status, latencyMillis, ttfbMillis, usage, costs, attempts, errorType, errorMessage,
                requestBody, responseBody, attemptLog, responseHeaders, RequestSource.API);
    }

    /** An entry without attempt detail or headers (as rows logged before they were kept). */
    public LoggedRequest(String requestId, Instant startedAt, Attribution caller, String endpoint,
                         String publicModel, String provider, String deployment, String upstreamModel,
                         boolean stream, boolean cacheHit, int status, long latencyMillis, long ttfbMillis,
                         Usage usage, Costs costs, String attempts, Optional<String> errorType,
                         Optional<String> errorMessage, Optional<String> requestBody,
                         Optional<String> responseBody) {
        this(requestId, startedAt, caller, endpoint, publicModel, provider, deployment, upstreamModel, stream,
                cacheHit, status, latencyMillis, ttfbMillis, usage, costs, attempts, errorType, errorMessage,
                requestBody, responseBody, List.of(), Map.of(), RequestSource.API);
    }
}
