package dev.junction.entity;

import dev.junction.budget.BudgetPeriod;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A cap on the charged spend of one key, user, team or tenant per period. Immutable.
 *
 * @param id {@code bud_…}
 * @param scope what it caps; never changes
 * @param scopeId the id of the key, user, team or tenant; never changes
 * @param amountNanos the cap, in nano-dollars of charged cost
 * @param period how often the spend starts again from zero (one budget per subject and period)
 * @param timeZone where the period's midnight is
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record Budget(String id, BudgetScope scope, String scopeId, long amountNanos, BudgetPeriod period,
                     ZoneId timeZone, Instant createdAt, Instant updatedAt) {

    /** Checks that nothing is missing. */
    public Budget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(scopeId, "scopeId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The fields an update may change, as they are now. */
    public Spec spec() {
        return new Spec(amountNanos, period, timeZone);
    }

    /**
     * What a caller chooses when creating or updating a budget.
     *
     * @param amountNanos the cap, in nano-dollars; not negative
     * @param period how often the spend starts again from zero
     * @param timeZone where the period's midnight is
     */
    public record Spec(long amountNanos, BudgetPeriod period, ZoneId timeZone) {

        /** Checks the amount. */
        public Spec {
            if (amountNanos < 0) {
                throw new IllegalArgumentException("a budget cannot be negative, got " + amountNanos);
            }
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(timeZone, "timeZone");
        }
    }
}
