package dev.junction.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetPeriodTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static BudgetWindow window(String start, String end) {
        return new BudgetWindow(Instant.parse(start), Optional.of(Instant.parse(end)));
    }

    @Test
    void aDailyWindowRunsFromMidnightToMidnight() {
        BudgetWindow window = BudgetPeriod.DAILY.window(Instant.parse("2026-11-22T15:30:00Z"), ZoneOffset.UTC);

        assertThat(window).isEqualTo(window("2026-11-22T00:00:00Z", "2026-11-23T00:00:00Z"));
    }

    @Test
    void aDailyWindowStartsAtLocalMidnight() {
        BudgetWindow window = BudgetPeriod.DAILY.window(Instant.parse("2026-11-22T23:30:00Z"), BERLIN);

        assertThat(window).isEqualTo(window("2026-11-22T23:00:00Z", "2026-11-23T23:00:00Z"));
    }

    @Test
    void theDayClocksGoForwardHas23Hours() {
        BudgetWindow window = BudgetPeriod.DAILY.window(Instant.parse("2026-03-29T12:00:00Z"), BERLIN);

        assertThat(window).isEqualTo(window("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"));
    }

    @Test
    void theDayClocksGoBackHas25Hours() {
        BudgetWindow window = BudgetPeriod.DAILY.window(Instant.parse("2026-10-25T12:00:00Z"), BERLIN);

        assertThat(window).isEqualTo(window("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"));
    }

    @Test
    void theInstantAWindowEndsBelongsToTheNextWindow() {
        Instant midnight = Instant.parse("2026-11-23T00:00:00Z");

        BudgetWindow window = BudgetPeriod.DAILY.window(midnight, ZoneOffset.UTC);

        assertThat(window.start()).isEqualTo(midnight);
        assertThat(BudgetPeriod.DAILY.window(midnight.minusNanos(1), ZoneOffset.UTC).end()).contains(midnight);
    }

    @Test
    void aWeeklyWindowStartsOnMonday() {
        BudgetWindow window = BudgetPeriod.WEEKLY.window(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

        assertThat(window).isEqualTo(window("2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z"));
    }

    @Test
    void aWeeklyWindowAcrossTheClockChangeStartsAtLocalMidnightBothTimes() {
        BudgetWindow window = BudgetPeriod.WEEKLY.window(Instant.parse("2026-03-28T10:00:00Z"), BERLIN);

        assertThat(window).isEqualTo(window("2026-03-22T23:00:00Z", "2026-03-29T22:00:00Z"));
    }

    @Test
    void aMonthlyWindowStartsOnTheFirst() {
        BudgetWindow window = BudgetPeriod.MONTHLY.window(Instant.parse("2026-11-22T10:00:00Z"), BERLIN);

        assertThat(window).isEqualTo(window("2026-10-31T23:00:00Z", "2026-11-30T23:00:00Z"));
    }

    @Test
    void theTotalWindowNeverEnds() {
        BudgetWindow window = BudgetPeriod.TOTAL.window(Instant.parse("2026-11-22T10:00:00Z"), BERLIN);

        assertThat(window).isEqualTo(new BudgetWindow(Instant.EPOCH, Optional.empty()));
    }
}
