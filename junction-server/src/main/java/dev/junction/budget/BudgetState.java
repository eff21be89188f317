package dev.junction.budget;

/**
 * What an account has used in one window.
 *
 * @param account the account
 * @param window the window the numbers are for
 * @param spentNanos settled spending in the window, in nano-dollars
 * @param reservedNanos held by reservations not yet settled or released, in nano-dollars
 */
public record BudgetState(BudgetAccount account, BudgetWindow window, long spentNanos, long reservedNanos) {

    /**
     * What is left: limit − spent − reserved. Signed: negative when the real costs settled above the reservations
     * (a stream longer than estimated) or a seed from the database exceeded the limit.
     */
    public long remainingNanos() {
        return account.limitNanos() - spentNanos - reservedNanos;
    }
}
