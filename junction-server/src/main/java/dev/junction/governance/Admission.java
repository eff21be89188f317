package dev.junction.governance;

import dev.junction.budget.BudgetLedger;
import dev.junction.budget.Reservation;
import dev.junction.limit.LimitDecision;
import dev.junction.limit.LimitSubject;
import dev.junction.limit.RateLimiter;
import dev.junction.model.Usage;
import dev.junction.pricing.Costs;
import dev.junction.routing.Route;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request let in by the {@link Governor}: the rate-limit slot and budget reservation it holds until it
 * {@link #finish finishes}. Every admission is finished exactly once (a second call is ignored), whatever happened to
 * the request, so nothing it holds can leak. Thread safe.
 */
public final class Admission {

    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

    private final String requestId;
    private final Route route;
    private final List<LimitSubject> subjects;
    private final long estimatedTokens;
    private final Optional<LimitDecision.Allowed> limits;
    private final Optional<Reservation.Granted> reservation;
    private final RateLimiter limiter;
    private final BudgetLedger ledger;
    private final AtomicBoolean finished = new AtomicBoolean();

    Admission(String requestId, Route route, List<LimitSubject> subjects, long estimatedTokens,
              Optional<LimitDecision.Allowed> limits, Optional<Reservation.Granted> reservation, RateLimiter limiter,
              BudgetLedger ledger) {
        this.requestId = requestId;
        this.route = route;
        this.subjects = List.copyOf(subjects);
        this.estimatedTokens = estimatedTokens;
        this.limits = limits;
        this.reservation = reservation;
        this.limiter = limiter;
        this.ledger = ledger;
    }

    /** An admission that holds nothing: callers without a virtual key. */
    static Admission unmetered(String requestId, Route route, RateLimiter limiter, BudgetLedger ledger) {
        return new Admission(requestId, route, List.of(), 0, Optional.empty(), Optional.empty(), limiter, ledger);
    }

    /** The route the request was admitted for: its markup prices the request. */
    public Route route() {
        return route;
    }

    /** The caller's tightest request and token limits after this request, for {@code x-ratelimit-*} headers. */
    public Optional<LimitDecision.Allowed> limits() {
        return limits;
    }

    /** The worst-case cost reserved, in nano-dollars (0 when no budget applies). */
    public long reservedNanos() {
        return reservation.map(Reservation.Granted::amountNanos).orElse(0L);
    }

    /**
     * Ends the request: settles its real charged cost against the budgets (releasing the rest of the reservation) and
     * gives back the tokens it did not use and its concurrency slot. Never blocks and never throws; ledger and limiter
     * failures are logged.
     *
     * @param usage the tokens actually used ({@link Usage#ZERO} when the request failed before an answer)
     * @param costsOf computes the request's costs from its usage
     * @return the request's costs
     */
    public Costs finish(Usage usage, Function<Usage, Costs> costsOf) {
        Costs costs = costsOf.apply(usage);
        if (!finished.compareAndSet(false, true)) {
            return costs;
        }
        reservation.ifPresent(r -> {
            var done = costs.chargedNanos() > 0 ? ledger.settle(r, costs.chargedNanos()) : ledger.release(r);
            done.whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn("Could not settle the budget reservation of request {}: {}", requestId, e.toString());
                }
            });
        });
        if (!subjects.isEmpty()) {
            limiter.release(subjects, requestId, estimatedTokens, usage.totalTokens());
        }
        return costs;
    }
}
