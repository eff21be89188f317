package dev.junction.budget;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Keeps budgets from being overspent: a request {@linkplain #reserve reserves} its worst-case cost on every budget that
 * applies to it before the upstream call, then {@linkplain #settle settles} the real cost (or {@linkplain #release
 * releases} the hold when nothing was spent). Amounts are integer nano-dollars.
 *
 * <p>Every method is safe to call from any thread, including Vert.x event loops: none blocks, each returns a stage
 * (already complete for the in-memory ledger; completed on a Redis I/O or timer thread for the shared one, so a Vert.x
 * caller continues on its own context). Windows are computed with the ledger's clock.
 *
 * <p>A reservation is a lease: one neither settled nor released within the ledger's reservation time-to-live is
 * dropped, so holds of a crashed replica free up. Settling a dropped reservation still records the spending (the money
 * was spent), once.
 */
public interface BudgetLedger extends AutoCloseable {

    /** How long a reservation holds its amount unless the ledger is told otherwise. */
    Duration DEFAULT_RESERVATION_TTL = Duration.ofMinutes(15);

    /**
     * Atomically across all accounts: if for every account spent + reserved + {@code amountNanos} ≤ limit in its
     * current window, holds {@code amountNanos} on each under {@code reservationId} and grants; otherwise changes
     * nothing and denies, naming the account with the least headroom. An empty list grants with no holds. Accounts
     * with the same id count once. A shared ledger that cannot be reached fails the stage with
     * {@link BudgetUnavailable}.
     */
    CompletionStage<Reservation> reserve(List<BudgetAccount> accounts, long amountNanos, String reservationId);

    /**
     * Ends the reservation: releases its holds and adds {@code actualNanos} to the spending of every account, in the
     * window each hold was made in (even when that window has ended since). Idempotent: a second settle or a release
     * of the same reservation changes nothing.
     */
    CompletionStage<Void> settle(Reservation.Granted reservation, long actualNanos);

    /** Ends the reservation without spending: releases its holds. Idempotent, like {@link #settle}. */
    CompletionStage<Void> release(Reservation.Granted reservation);

    /**
     * How {@code reservation} ends with {@code actualNanos} spent, for its request-log record to keep. The default
     * names no run: a ledger whose state outlives the process (Redis) needs none.
     */
    default Settlement settlement(Reservation.Granted reservation, long actualNanos) {
        return reservation.settlement(actualNanos, "");
    }

    /**
     * Ends a reservation again from the request-log record that kept its {@link Settlement}, as the journal delivers
     * it to the database: the gateway journals a record first and settles after, so one killed in between left the
     * reservation for this call to end. Idempotent with {@link #settle} and {@link #release}: a reservation already
     * ended changes nothing; one dropped because its lease ran out still spends, once. A ledger that keeps its
     * tallies in memory spends the settlement of an earlier run (those tallies died with it, and the spending the
     * database had was seeded in) and ignores its own.
     */
    CompletionStage<Void> settleJournaled(Settlement settlement);

    /**
     * The state of each account in its current window, in the order given (for {@code GET /v1/me} and the admin API).
     */
    CompletionStage<List<BudgetState>> state(List<BudgetAccount> accounts);

    /**
     * Reconciles with the database's record of what was spent, at start: the account's spending in its current window
     * becomes the larger of what the ledger has and {@code spentNanos}.
     */
    CompletionStage<Void> seed(BudgetAccount account, long spentNanos);

    /** Releases the ledger's resources (connections); holds stay where they are. */
    @Override
    void close();
}
