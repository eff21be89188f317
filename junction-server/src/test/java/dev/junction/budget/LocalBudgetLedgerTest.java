package dev.junction.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalBudgetLedgerTest extends BudgetLedgerContract {

    private final LocalBudgetLedger ledger = new LocalBudgetLedger(clock, BudgetLedger.DEFAULT_RESERVATION_TTL);

    @Override
    Instant startTime() {
        return Instant.parse("2026-11-15T10:00:00Z");
    }

    @Override
    BudgetLedger ledger() {
        return ledger;
    }

    @Override
    List<BudgetLedger> twoReplicas() {
        return List.of(ledger, ledger); // one node: its replicas are its event loops, all sharing this instance
    }

    @Override
    void leaseRunsOut() {
        clock.advance(BudgetLedger.DEFAULT_RESERVATION_TTL.plusSeconds(1));
    }

    @Test
    void aJournaledSettlementOfAnEarlierRunSpendsInTheWindowItNamesOnce() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        LocalBudgetLedger killed = new LocalBudgetLedger(clock, BudgetLedger.DEFAULT_RESERVATION_TTL);
        Reservation.Granted reservation = (Reservation.Granted) reserve(killed, List.of(key), 3 * USD);
        Settlement settlement = killed.settlement(reservation, 2 * USD);
        seed(key, 5 * USD); // what the database had when this run started

        settleJournaled(settlement);

        assertThat(state(key)).extracting(BudgetState::spentNanos, BudgetState::reservedNanos)
                .containsExactly(7 * USD, 0L);
    }

    @Test
    void aJournaledSettlementOfItsOwnRunIsLeftToTheSettleItFollows() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        Reservation.Granted reservation = granted(key, 3 * USD);

        settleJournaled(ledger.settlement(reservation, 2 * USD));

        assertThat(state(key)).extracting(BudgetState::spentNanos, BudgetState::reservedNanos)
                .containsExactly(0L, 3 * USD);
    }

    @Test
    void theDenialSaysWhenTheBudgetResets() {
        BudgetAccount budget = monthly("budget:bud_1", 10 * USD);
        seed(budget, 9_999_000_000L);

        Reservation denied = reserve(List.of(budget), 20_000_000L);

        assertThat(((Reservation.Denied) denied).message()).isEqualTo("Budget bud_1 (monthly, 10.00 USD) is exhausted:"
                + " 9.9990 USD spent or reserved, this request needs up to 0.0200 USD;"
                + " it resets at 2026-12-01T00:00Z.");
    }

    @Test
    void aReservationHoldsUntilItsLeaseRunsOut() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        granted(key, 8 * USD);

        clock.advance(BudgetLedger.DEFAULT_RESERVATION_TTL.minusSeconds(1));

        assertThat(state(key).reservedNanos()).isEqualTo(8 * USD);
    }

    @Test
    void windowsLongOverAreForgottenSoMemoryStaysFlat() {
        for (int i = 0; i < 100; i++) {
            BudgetAccount account = daily("budget:" + i, 10 * USD);
            settle(granted(account, USD), USD);
        }

        clock.advance(Duration.ofDays(3));
        reserve(List.of(daily("budget:new", 10 * USD)), USD);

        assertThat(ledger.trackedWindows()).isEqualTo(1);
    }

    @Test
    void theCurrentWindowIsNeverForgotten() {
        BudgetAccount total = new BudgetAccount("budget:total", 10 * USD, BudgetPeriod.TOTAL, clock.getZone());
        settle(granted(total, 4 * USD), 4 * USD);

        clock.advance(Duration.ofDays(400));
        reserve(List.of(daily("budget:other", 10 * USD)), USD); // sweeps

        assertThat(state(total).spentNanos()).isEqualTo(4 * USD);
    }
}
