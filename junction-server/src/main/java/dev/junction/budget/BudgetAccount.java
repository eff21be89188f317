package dev.junction.budget;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A budget as the ledger sees it: an amount that may be spent per period.
 *
 * @param id the ledger's key for the budget, such as {@code budget:bud_123}; spending is shared by every account with
 *        the same id and period window
 * @param limitNanos the amount per window, in nano-dollars (10⁻⁹ USD)
 * @param period how often the budget starts again from zero
 * @param zone the time zone in which the period's windows start at midnight
 */
public record BudgetAccount(String id, long limitNanos, BudgetPeriod period, ZoneId zone) {

    /** Checks the components. */
    public BudgetAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(zone, "zone");
        if (limitNanos < 0) {
            throw new IllegalArgumentException("a budget limit cannot be negative: " + limitNanos);
        }
    }

    /** The window of this account's period that contains {@code now}. */
    public BudgetWindow window(Instant now) {
        return period.window(now, zone);
    }

    /** The id without its kind prefix, for messages: {@code bud_123} for {@code budget:bud_123}. */
    public String displayName() {
        int colon = id.indexOf(':');
        return colon < 0 ? id : id.substring(colon + 1);
    }

    /** The accounts with each id once (the first occurrence wins), in their order. */
    static List<BudgetAccount> distinct(List<BudgetAccount> accounts) {
        Map<String, BudgetAccount> byId = new LinkedHashMap<>();
        accounts.forEach(a -> byId.putIfAbsent(a.id(), a));
        return List.copyOf(byId.values());
    }
}
