package dev.junction.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

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

    /**
     * The window of this period that contains {@code now}, in the time zone {@code zone}: the instant a window starts
     * belongs to it, the instant it ends to the next one. Windows start at local midnight, computed through
     * {@link java.time.ZonedDateTime} so that days of 23 or 25 hours (daylight saving time) and zones whose midnight
     * is skipped (the window then starts at the first valid local time) are right. {@link #TOTAL} has the one window
     * from {@link Instant#EPOCH} without end.
     */
    public BudgetWindow window(Instant now, ZoneId zone) {
        if (this == TOTAL) {
            return BudgetWindow.ALL_TIME;
        }
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = switch (this) {
            case WEEKLY -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> today.withDayOfMonth(1);
            default -> today;
        };
        LocalDate next = switch (this) {
            case WEEKLY -> first.plusWeeks(1);
            case MONTHLY -> first.plusMonths(1);
            default -> first.plusDays(1);
        };
        return new BudgetWindow(first.atStartOfDay(zone).toInstant(), Optional.of(next.atStartOfDay(zone).toInstant()));
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
