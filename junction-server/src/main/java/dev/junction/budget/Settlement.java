package dev.junction.budget;

import java.util.List;
import java.util.Objects;

/**
 * How a request's budget reservation ended, as its request-log record keeps it: the record is journaled before the
 * reservation is settled, so a gateway killed between the two settles it when its journal is delivered
 * ({@link BudgetLedger#settleJournaled}), and the budgets end up charged exactly what the request log holds.
 *
 * @param reservationId the reservation's id (the request id)
 * @param actualNanos the request's charged cost, in nano-dollars; 0 releases the reservation without spending
 * @param run the ledger run that granted the reservation ({@link BudgetLedger#settlement}); a ledger that keeps its
 *        tallies in memory knows by it whether a journaled settlement is its own or one of a run that is gone
 * @param spots where the reservation was held: one per account, in the window it was made in
 */
public record Settlement(String reservationId, long actualNanos, String run, List<Spot> spots) {

    /** Checks the components and copies the spots. */
    public Settlement {
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(run, "run");
        spots = List.copyOf(spots);
        if (actualNanos < 0) {
            throw new IllegalArgumentException("a settled cost cannot be negative: " + actualNanos);
        }
    }

    /**
     * One account's part of the reservation.
     *
     * @param accountId the ledger's id of the budget ({@link BudgetAccount#id})
     * @param window the window the hold was made in; the spending lands there
     */
    public record Spot(String accountId, BudgetWindow window) {

        /** Checks the components. */
        public Spot {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(window, "window");
        }
    }
}
