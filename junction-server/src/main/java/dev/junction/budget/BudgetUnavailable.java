package dev.junction.budget;

/**
 * The ledger could not be asked (its Redis did not answer in time). Budgets fail closed: a request whose reservation
 * fails this way is refused (HTTP 503), because a budget must never be overspent.
 */
public final class BudgetUnavailable extends RuntimeException {

    /** An unavailable ledger, with what went wrong. */
    public BudgetUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
