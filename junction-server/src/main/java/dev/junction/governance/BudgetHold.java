package dev.junction.governance;

import dev.junction.budget.BudgetLedger;
import dev.junction.budget.Reservation;
import dev.junction.budget.Settlement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request's worst-case charged cost, reserved in every budget that applies to it until it is {@link #settle
 * settled}. Settled at most once: a second call changes nothing. Thread safe.
 */
public final class BudgetHold {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetHold.class);

    private final String requestId;
    private final Reservation.Granted reservation;
    private final BudgetLedger ledger;
    private final AtomicBoolean settled = new AtomicBoolean();

    BudgetHold(String requestId, Reservation.Granted reservation, BudgetLedger ledger) {
        this.requestId = requestId;
        this.reservation = reservation;
        this.ledger = ledger;
    }

    /** The worst-case cost reserved, in nano-dollars. */
    public long reservedNanos() {
        return reservation.amountNanos();
    }

    /**
     * How the hold ends with {@code chargedNanos} spent, for the request's log record to keep: delivering the record
     * settles again ({@link BudgetLedger#settleJournaled}), which changes nothing once {@link #settle} has run.
     */
    public Settlement settlement(long chargedNanos) {
        return ledger.settlement(reservation, chargedNanos);
    }

    /**
     * Charges {@code chargedNanos} (the request's real charged cost) to the budgets and releases the rest of the
     * reservation; with 0, releases all of it. Never blocks and never throws; ledger failures are logged.
     */
    public void settle(long chargedNanos) {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        var done = chargedNanos > 0 ? ledger.settle(reservation, chargedNanos) : ledger.release(reservation);
        done.whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("Could not settle the budget reservation of request {}: {}", requestId, e.toString());
            }
        });
    }
}
