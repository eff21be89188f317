package dev.junction.budget;

import java.util.Locale;

/** How often a budget starts again from zero. */
public enum BudgetPeriod {
    /** Every day at midnight in the budget's time zone. */
    DAILY,
    /** Every Monday at midnight in the budget's time zone (ISO weeks). */
    WEEKLY,
    /** On the first of every month at midnight in the budget's time zone. */
    MONTHLY,
    /** Never: the amount is for all time. */
    TOTAL;

    /** The name used in JSON, YAML and the database: {@code daily}, {@code weekly}, {@code monthly}, {@code total}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The period with this wire name. */
    public static BudgetPeriod ofWireName(String name) {
        for (BudgetPeriod p : values()) {
            if (p.wireName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown budget period '" + name + "'; expected daily, weekly, monthly or "
                + "total");
    }
}
