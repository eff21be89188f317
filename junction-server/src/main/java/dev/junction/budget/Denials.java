package dev.junction.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Builds {@link Reservation.Denied} answers with a message a client can act on; shared by both ledgers. */
final class Denials {

    private static final int NANOS_PER_DOLLAR_SCALE = 9;

    private Denials() {
    }

    /** The denial of {@code requestedNanos} because of {@code tightest}, the account with the least headroom. */
    static Reservation.Denied deny(BudgetState tightest, long requestedNanos) {
        BudgetAccount account = tightest.account();
        String resets = tightest.window().end()
                .map(end -> "it resets at " + end.atZone(account.zone()).toOffsetDateTime() + ".")
                .orElse("it does not reset.");
        String message = "Budget %s (%s, %s USD) is exhausted: %s USD spent or reserved, ".formatted(
                account.displayName(), account.period().wireName(), usd(account.limitNanos(), 2),
                usd(tightest.spentNanos() + tightest.reservedNanos(), 4))
                + "this request needs up to %s USD; %s".formatted(usd(requestedNanos, 4), resets);
        return new Reservation.Denied(tightest, requestedNanos, message);
    }

    private static String usd(long nanos, int decimals) {
        return BigDecimal.valueOf(nanos, NANOS_PER_DOLLAR_SCALE).setScale(decimals, RoundingMode.HALF_UP)
                .toPlainString();
    }
}
