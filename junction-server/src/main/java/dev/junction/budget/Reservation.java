package dev.junction.budget;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The answer of {@link BudgetLedger#reserve}: the amount is held on every account, or on none. */
public sealed interface Reservation {

    /**
     * The amount is held on every account until {@link BudgetLedger#settle} or {@link BudgetLedger#release} (or the
     * ledger's reservation lease runs out). Pass this very record back to settle or release.
     *
     * @param reservationId the caller's id for the reservation, unique per request
     * @param amountNanos the amount held on each account, in nano-dollars
     * @param holds where it is held: one per account, in the window current at the time of the reservation
     */
    record Granted(String reservationId, long amountNanos, List<Held> holds) implements Reservation {

        /** Copies the holds. */
        public Granted {
            Objects.requireNonNull(reservationId, "reservationId");
            holds = List.copyOf(holds);
        }

        /**
         * How this reservation ends with {@code actualNanos} spent, for the request log to keep ({@link Settlement}).
         *
         * @param run the id of the ledger run that granted it
         */
        public Settlement settlement(long actualNanos, String run) {
            return new Settlement(reservationId, actualNanos, run, holds.stream()
                    .map(h -> new Settlement.Spot(h.account().id(), h.account().period().window(h.windowStart(),
                            h.account().zone())))
                    .toList());
        }
    }

    /**
     * Nothing was held, because the amount does not fit into at least one account.
     *
     * @param tightest the state of the account with the least headroom
     * @param requestedNanos the amount asked for, in nano-dollars
     * @param message a sentence for the client naming the budget, what is used, what was asked and when it resets
     */
    record Denied(BudgetState tightest, long requestedNanos, String message) implements Reservation {
    }

    /**
     * One account's part of a granted reservation.
     *
     * @param account the account the amount is held on
     * @param windowStart the start of the window it is held in; settling lands there even after the window ended
     */
    record Held(BudgetAccount account, Instant windowStart) {
    }
}
