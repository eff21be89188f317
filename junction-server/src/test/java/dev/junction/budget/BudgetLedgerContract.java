package dev.junction.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BudgetLedger} does, whether in memory or in Redis. Subclasses provide the ledger (on
 * {@link #clock}), "replicas" sharing its state, and a way to let a reservation lease run out.
 */
abstract class BudgetLedgerContract {

    static final long USD = 1_000_000_000L;

    /** The clock the ledgers compute windows with; subclasses start it where they need. */
    final ManualClock clock = ManualClock.at(startTime());

    /** Where {@link #clock} starts. */
    abstract Instant startTime();

    /** The ledger under test. */
    abstract BudgetLedger ledger();

    /**
     * Two ledgers sharing the state of {@link #ledger()}, as two replicas would, whose reservations hold for longer
     * than a test takes.
     */
    abstract List<BudgetLedger> twoReplicas();

    /** Lets the reservation lease of the ledgers run out. */
    abstract void leaseRunsOut() throws InterruptedException;

    static BudgetAccount monthly(String id, long limitNanos) {
        return new BudgetAccount(id, limitNanos, BudgetPeriod.MONTHLY, ZoneOffset.UTC);
    }

    static BudgetAccount daily(String id, long limitNanos) {
        return new BudgetAccount(id, limitNanos, BudgetPeriod.DAILY, ZoneOffset.UTC);
    }

    Reservation reserve(List<BudgetAccount> accounts, long amount) {
        return reserve(ledger(), accounts, amount);
    }

    static Reservation reserve(BudgetLedger ledger, List<BudgetAccount> accounts, long amount) {
        return ledger.reserve(accounts, amount, UUID.randomUUID().toString()).toCompletableFuture().join();
    }

    Reservation.Granted granted(BudgetAccount account, long amount) {
        return (Reservation.Granted) reserve(List.of(account), amount);
    }

    void settle(Reservation.Granted reservation, long actual) {
        ledger().settle(reservation, actual).toCompletableFuture().join();
    }

    void release(Reservation.Granted reservation) {
        ledger().release(reservation).toCompletableFuture().join();
    }

    void seed(BudgetAccount account, long spent) {
        ledger().seed(account, spent).toCompletableFuture().join();
    }

    BudgetState state(BudgetAccount account) {
        return ledger().state(List.of(account)).toCompletableFuture().join().getFirst();
    }

    @Test
    void aReservationWithinTheLimitHoldsTheAmountOnEveryAccount() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        BudgetAccount team = daily("budget:team", 50 * USD);

        Reservation reservation = reserve(List.of(key, team), 3 * USD);

        assertThat(reservation).isInstanceOfSatisfying(Reservation.Granted.class, granted -> {
            assertThat(granted.amountNanos()).isEqualTo(3 * USD);
            assertThat(granted.holds()).extracting(Reservation.Held::account).containsExactly(key, team);
            assertThat(granted.holds().get(1).windowStart()).isEqualTo(team.window(clock.instant()).start());
        });
        assertThat(state(key).reservedNanos()).isEqualTo(3 * USD);
        assertThat(state(team).remainingNanos()).isEqualTo(47 * USD);
    }

    @Test
    void settlingFreesTheHoldAndSpendsTheActualCost() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        Reservation.Granted reservation = granted(key, 3 * USD);

        settle(reservation, 2 * USD);

        BudgetState state = state(key);
        assertThat(state.spentNanos()).isEqualTo(2 * USD);
        assertThat(state.reservedNanos()).isZero();
    }

    @Test
    void settlingTwiceSpendsOnce() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        Reservation.Granted reservation = granted(key, 3 * USD);
        settle(reservation, 2 * USD);

        settle(reservation, 2 * USD);

        assertThat(state(key).spentNanos()).isEqualTo(2 * USD);
    }

    void settleJournaled(Settlement settlement) {
        ledger().settleJournaled(settlement).toCompletableFuture().join();
    }

    @Test
    void aJournaledSettlementOfAReservationSettledAlreadyChangesNothing() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        BudgetAccount team = daily("budget:team", 50 * USD);
        Reservation.Granted reservation = (Reservation.Granted) reserve(List.of(key, team), 3 * USD);
        Settlement settlement = ledger().settlement(reservation, 2 * USD);
        settle(reservation, 2 * USD);

        settleJournaled(settlement);
        settleJournaled(settlement);

        assertThat(state(key)).extracting(BudgetState::spentNanos, BudgetState::reservedNanos)
                .containsExactly(2 * USD, 0L);
        assertThat(state(team).spentNanos()).isEqualTo(2 * USD);
    }

    @Test
    void aSettlementNamesEveryWindowTheReservationWasHeldIn() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        BudgetAccount team = daily("budget:team", 50 * USD);
        Reservation.Granted reservation = (Reservation.Granted) reserve(List.of(key, team), 3 * USD);

        Settlement settlement = ledger().settlement(reservation, 2 * USD);

        assertThat(settlement.reservationId()).isEqualTo(reservation.reservationId());
        assertThat(settlement.actualNanos()).isEqualTo(2 * USD);
        assertThat(settlement.spots()).containsExactly(
                new Settlement.Spot("budget:key", key.window(clock.instant())),
                new Settlement.Spot("budget:team", team.window(clock.instant())));
    }

    @Test
    void releasingFreesTheHoldWithoutSpending() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        Reservation.Granted reservation = granted(key, 3 * USD);

        release(reservation);

        assertThat(state(key)).extracting(BudgetState::spentNanos, BudgetState::reservedNanos).containsExactly(0L, 0L);
    }

    @Test
    void releasingASettledReservationChangesNothing() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        Reservation.Granted reservation = granted(key, 3 * USD);
        settle(reservation, 2 * USD);

        release(reservation);

        assertThat(state(key)).extracting(BudgetState::spentNanos, BudgetState::reservedNanos)
                .containsExactly(2 * USD, 0L);
    }

    @Test
    void aReservationThatDoesNotFitEveryAccountIsDeniedAndHoldsNothing() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        BudgetAccount team = monthly("budget:team", 5 * USD);
        seed(team, 4 * USD);

        Reservation reservation = reserve(List.of(key, team), 2 * USD);

        assertThat(reservation).isInstanceOfSatisfying(Reservation.Denied.class, denied -> {
            assertThat(denied.tightest().account()).isEqualTo(team);
            assertThat(denied.tightest().spentNanos()).isEqualTo(4 * USD);
            assertThat(denied.requestedNanos()).isEqualTo(2 * USD);
        });
        assertThat(state(key).reservedNanos()).isZero();
        assertThat(state(team).reservedNanos()).isZero();
    }

    @Test
    void aReservationThatFillsTheBudgetExactlyIsGranted() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        seed(key, 7 * USD);

        assertThat(reserve(List.of(key), 3 * USD)).isInstanceOf(Reservation.Granted.class);
        assertThat(reserve(List.of(key), 1)).isInstanceOf(Reservation.Denied.class);
    }

    @Test
    void theDenialSaysWhichBudgetIsExhaustedAndWhatTheRequestNeeds() {
        BudgetAccount budget = monthly("budget:bud_1", 10 * USD);
        seed(budget, 9_999_000_000L);

        Reservation denied = reserve(List.of(budget), 20_000_000L);

        assertThat(((Reservation.Denied) denied).message()).startsWith("Budget bud_1 (monthly, 10.00 USD) is exhausted:"
                + " 9.9990 USD spent or reserved, this request needs up to 0.0200 USD; it resets at ");
    }

    @Test
    void anEmptyListOfAccountsIsGrantedWithoutHolds() {
        Reservation reservation = reserve(List.of(), 5 * USD);

        assertThat(reservation).isInstanceOfSatisfying(Reservation.Granted.class,
                granted -> assertThat(granted.holds()).isEmpty());
    }

    @Test
    void anExpiredReservationNoLongerHoldsItsAmount() throws InterruptedException {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        granted(key, 8 * USD);

        leaseRunsOut();

        assertThat(state(key).reservedNanos()).isZero();
        assertThat(reserve(List.of(key), 8 * USD)).isInstanceOf(Reservation.Granted.class);
    }

    @Test
    void settlingAnExpiredReservationStillSpendsOnce() throws InterruptedException {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        Reservation.Granted reservation = granted(key, 3 * USD);
        leaseRunsOut();
        state(key); // the expired hold is dropped

        settle(reservation, 2 * USD);
        settle(reservation, 2 * USD);

        assertThat(state(key)).extracting(BudgetState::spentNanos, BudgetState::reservedNanos)
                .containsExactly(2 * USD, 0L);
    }

    @Test
    void seedingKeepsTheLargerSpending() {
        BudgetAccount key = monthly("budget:key", 10 * USD);
        seed(key, 5 * USD);

        seed(key, 3 * USD);
        long afterSmaller = state(key).spentNanos();
        seed(key, 7 * USD);

        assertThat(afterSmaller).isEqualTo(5 * USD);
        assertThat(state(key).spentNanos()).isEqualTo(7 * USD);
    }

    @Test
    void aNewWindowStartsWithTheFullBudget() {
        BudgetAccount key = daily("budget:daily", 10 * USD);
        settle(granted(key, 10 * USD), 10 * USD);
        assertThat(reserve(List.of(key), 1)).isInstanceOf(Reservation.Denied.class);

        clock.set(key.window(clock.instant()).end().orElseThrow());

        assertThat(reserve(List.of(key), 10 * USD)).isInstanceOf(Reservation.Granted.class);
    }

    @Test
    void aSettleAfterTheWindowEndedLandsInTheWindowOfTheReservation() {
        BudgetAccount key = daily("budget:daily", 10 * USD);
        Instant reservedAt = clock.instant();
        Reservation.Granted reservation = granted(key, 5 * USD);
        clock.set(key.window(reservedAt).end().orElseThrow().plusSeconds(60));

        settle(reservation, 4 * USD);

        assertThat(state(key).spentNanos()).isZero();
        clock.set(reservedAt);
        assertThat(state(key)).extracting(BudgetState::spentNanos, BudgetState::reservedNanos)
                .containsExactly(4 * USD, 0L);
    }

    @Test
    void concurrentReservationsOnTwoReplicasNeverOverspend() throws Exception {
        BudgetAccount key = monthly("budget:contended", 10 * USD);
        List<BudgetLedger> replicas = twoReplicas();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reservation>> reservations = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 200; i++) {
                BudgetLedger replica = replicas.get(i % 2);
                reservations.add(threads.submit(() -> {
                    start.await();
                    return reserve(replica, List.of(key), USD);
                }));
            }
            start.countDown();
            long granted = 0;
            for (Future<Reservation> reservation : reservations) {
                granted += reservation.get() instanceof Reservation.Granted ? 1 : 0;
            }

            assertThat(granted).isEqualTo(10);
            assertThat(state(key).reservedNanos()).isEqualTo(10 * USD);
        }
    }
}
