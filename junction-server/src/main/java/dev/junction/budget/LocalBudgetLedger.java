package dev.junction.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The budget ledger of a single node, in memory. Thread safe and exact: a reservation locks the tallies of all its
 * accounts (always in the same order, so two reservations cannot deadlock) for the few arithmetic steps of the check
 * and the hold, so no update is ever lost. Every stage it returns is already complete.
 *
 * <p>All time comes from the clock: windows, reservation leases and eviction. Memory stays bounded: the tally of a
 * window is forgotten two days after the window ended (a settle of a reservation made in it still lands until then).
 */
public final class LocalBudgetLedger implements BudgetLedger {

    /** How long an ended window, and the record of a dropped reservation, are kept. */
    private static final Duration RETENTION = Duration.ofDays(2);

    private final Clock clock;
    private final Duration reservationTtl;
    private final WindowTallies tallies;
    private final String run = UUID.randomUUID().toString();

    /** A ledger on {@code clock} whose reservations hold for {@code reservationTtl} unless settled or released. */
    public LocalBudgetLedger(Clock clock, Duration reservationTtl) {
        if (!reservationTtl.isPositive()) {
            throw new IllegalArgumentException("the reservation time-to-live must be positive: " + reservationTtl);
        }
        this.clock = clock;
        this.reservationTtl = reservationTtl;
        this.tallies = new WindowTallies(RETENTION, clock.instant());
    }

    /** A ledger on {@code clock} with the {@linkplain #DEFAULT_RESERVATION_TTL default} reservation lease. */
    public LocalBudgetLedger(Clock clock) {
        this(clock, DEFAULT_RESERVATION_TTL);
    }

    @Override
    public CompletionStage<Reservation> reserve(List<BudgetAccount> accounts, long amountNanos, String reservationId) {
        if (amountNanos < 0) {
            throw new IllegalArgumentException("a reservation cannot be negative: " + amountNanos);
        }
        Instant now = clock.instant();
        tallies.sweepIfDue(now);
        List<BudgetAccount> distinct = BudgetAccount.distinct(accounts);
        Map<WindowTallies.Key, BudgetWindow> windows = new LinkedHashMap<>();
        for (BudgetAccount account : distinct) {
            BudgetWindow window = account.window(now);
            windows.put(new WindowTallies.Key(account.id(), window.start()), window);
        }
        Map<WindowTallies.Key, WindowTally> locked = tallies.lockAll(windows);
        try {
            List<BudgetState> states = new ArrayList<>(distinct.size());
            for (BudgetAccount account : distinct) {
                BudgetWindow window = account.window(now);
                WindowTally tally = locked.get(new WindowTallies.Key(account.id(), window.start()));
                tally.purge(now);
                states.add(new BudgetState(account, window, tally.spentNanos, tally.reservedNanos));
            }
            var tightest = states.stream().min(Comparator.comparingLong(BudgetState::remainingNanos));
            if (tightest.isPresent() && tightest.get().remainingNanos() < amountNanos) {
                return CompletableFuture.completedFuture(Denials.deny(tightest.get(), amountNanos));
            }
            List<Reservation.Held> holds = new ArrayList<>(distinct.size());
            for (BudgetState state : states) {
                Instant start = state.window().start();
                locked.get(new WindowTallies.Key(state.account().id(), start))
                        .hold(reservationId, amountNanos, now.plus(reservationTtl));
                holds.add(new Reservation.Held(state.account(), start));
            }
            return CompletableFuture.completedFuture(new Reservation.Granted(reservationId, amountNanos, holds));
        } finally {
            WindowTallies.unlockAll(locked);
        }
    }

    @Override
    public CompletionStage<Void> settle(Reservation.Granted reservation, long actualNanos) {
        end(reservation, OptionalLong.of(actualNanos));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> release(Reservation.Granted reservation) {
        end(reservation, OptionalLong.empty());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Settlement settlement(Reservation.Granted reservation, long actualNanos) {
        return reservation.settlement(actualNanos, run);
    }

    /**
     * This ledger settled its own reservations when their records were journaled: nothing to do. A settlement of an
     * earlier run (whose tallies died with its process) spends in the window it names: the spending seeded from the
     * database at start did not include it, as the record was still in the journal.
     */
    @Override
    public CompletionStage<Void> settleJournaled(Settlement settlement) {
        if (settlement.run().equals(run) || settlement.actualNanos() == 0) {
            return CompletableFuture.completedFuture(null);
        }
        Instant now = clock.instant();
        Map<WindowTallies.Key, BudgetWindow> windows = new LinkedHashMap<>();
        settlement.spots().forEach(s -> windows.put(new WindowTallies.Key(s.accountId(), s.window().start()),
                s.window()));
        Map<WindowTallies.Key, WindowTally> locked = tallies.lockAll(windows);
        try {
            locked.values().forEach(tally -> {
                tally.purge(now);
                tally.spentNanos += settlement.actualNanos();
            });
        } finally {
            WindowTallies.unlockAll(locked);
        }
        return CompletableFuture.completedFuture(null);
    }

    private void end(Reservation.Granted reservation, OptionalLong spend) {
        Instant now = clock.instant();
        for (Reservation.Held held : reservation.holds()) {
            // A missing tally was forgotten long after its window ended: nothing is left to settle in it.
            tallies.find(new WindowTallies.Key(held.account().id(), held.windowStart())).ifPresent(tally -> {
                tally.lock.lock();
                try {
                    if (!tally.retired) {
                        tally.purge(now);
                        tally.end(reservation.reservationId(), spend);
                    }
                } finally {
                    tally.lock.unlock();
                }
            });
        }
    }

    @Override
    public CompletionStage<List<BudgetState>> state(List<BudgetAccount> accounts) {
        Instant now = clock.instant();
        List<BudgetState> states = new ArrayList<>(accounts.size());
        for (BudgetAccount account : accounts) {
            BudgetWindow window = account.window(now);
            states.add(tallies.find(new WindowTallies.Key(account.id(), window.start()))
                    .map(tally -> read(tally, account, window, now))
                    .orElse(new BudgetState(account, window, 0, 0)));
        }
        return CompletableFuture.completedFuture(states);
    }

    private static BudgetState read(WindowTally tally, BudgetAccount account, BudgetWindow window, Instant now) {
        tally.lock.lock();
        try {
            tally.purge(now);
            return new BudgetState(account, window, tally.spentNanos, tally.reservedNanos);
        } finally {
            tally.lock.unlock();
        }
    }

    @Override
    public CompletionStage<Void> seed(BudgetAccount account, long spentNanos) {
        Instant now = clock.instant();
        BudgetWindow window = account.window(now);
        WindowTallies.Key key = new WindowTallies.Key(account.id(), window.start());
        Map<WindowTallies.Key, WindowTally> locked = tallies.lockAll(Map.of(key, window));
        try {
            WindowTally tally = locked.get(key);
            tally.purge(now);
            tally.spentNanos = Math.max(tally.spentNanos, spentNanos);
        } finally {
            WindowTallies.unlockAll(locked);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** How many account windows are kept in memory (for tests of eviction). */
    int trackedWindows() {
        return tallies.size();
    }

    /** Nothing to release: the ledger holds no resources beyond memory. */
    @Override
    public void close() {
    }
}
