package dev.junction.limit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Rate limits for requests per minute, tokens per minute and concurrent requests, over any number of subjects at once
 * (the key, its user, team and tenant, the deployment).
 *
 * <p>Requests and tokens are token buckets holding the per-minute limit and refilling continuously (limit / 60 s). A
 * request needs one request and its estimated tokens from every subject's buckets, and a free concurrency slot; the
 * slot is a lease that expires, so slots of a crashed replica come back. Subjects without limits are skipped; subjects
 * with the same id count once (the first one's limits apply).
 *
 * <p>Every method is safe to call from any thread, including Vert.x event loops: none blocks. In-memory limiters return
 * completed stages; shared ones complete them on an I/O or timer thread, so a Vert.x caller continues on its own
 * context.
 */
public interface RateLimiter extends AutoCloseable {

    /** How long a concurrency slot is held when its request never ends (the replica crashed). */
    Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(10);

    /**
     * Atomically, all or nothing, for every subject: takes one request, {@code tokens} (the estimate) and a concurrency
     * slot under {@code leaseId} (the request's id), which an allowed acquire holds for its {@link #release} until the
     * lease expires. An estimate larger than a subject's tokens-per-minute limit is always denied.
     */
    CompletionStage<LimitDecision> acquire(List<LimitSubject> subjects, long tokens, String leaseId);

    /**
     * Ends an acquired request: frees its concurrency slot and corrects the tokens taken by
     * {@code estimatedTokens - actualTokens}: unused tokens come back (a bucket never fills beyond its limit), an
     * overrun is taken too (the bucket may go into debt, which later requests wait out). Call it with the subjects of
     * the acquire.
     *
     * <p>Idempotent per request: the first release of {@code leaseId} after an allowed acquire ends it; any further
     * release of the id (a request finishing through two paths), concurrent or later, on this replica or another,
     * changes nothing, and so does a release of an id that holds no allowed acquire (denied, never acquired, or its
     * lease expired). An id acquired again after its release is released again. Fire-and-forget: the stage never
     * fails; errors are logged.
     */
    CompletionStage<Void> release(List<LimitSubject> subjects, String leaseId, long estimatedTokens, long actualTokens);

    /**
     * Where every limit of every subject stands, without taking anything: subject id → its statuses (requests, tokens,
     * concurrency, as far as limited), in the subjects' order; subjects without limits are left out. A shared limiter
     * that cannot be asked fails the stage.
     */
    CompletionStage<Map<String, List<LimitStatus>>> peek(List<LimitSubject> subjects);

    /** Releases the limiter's resources. */
    @Override
    void close();
}
