package dev.junction.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.budget.BudgetAccount;
import dev.junction.budget.BudgetLedger;
import dev.junction.budget.BudgetPeriod;
import dev.junction.budget.BudgetState;
import dev.junction.budget.LocalBudgetLedger;
import dev.junction.budget.Reservation;
import dev.junction.budget.Settlement;
import dev.junction.entity.Attribution;
import dev.junction.model.Usage;
import dev.junction.observe.CacheOutcome;
import dev.junction.observe.LoggedRequest;
import dev.junction.observe.RequestSource;
import dev.junction.pricing.Costs;
import dev.junction.pricing.UnitUsage;
import dev.junction.testkit.ManualClock;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SettlingSinkTest {

    private static final long USD = 1_000_000_000L;
    private static final BudgetAccount BUDGET = new BudgetAccount("budget:bud_1", 10 * USD, BudgetPeriod.MONTHLY,
            ZoneOffset.UTC);

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-12-07T10:00:00Z"));
    private final LocalBudgetLedger ledger = new LocalBudgetLedger(clock);
    private final List<List<LoggedRequest>> stored = new ArrayList<>();

    @Test
    void aBatchFromAKilledRunChargesItsBudgetsBeforeItIsStored() throws Exception {
        LocalBudgetLedger killed = new LocalBudgetLedger(clock);
        Reservation.Granted held = (Reservation.Granted) killed.reserve(List.of(BUDGET), 3 * USD, "req-1")
                .toCompletableFuture().join();
        LoggedRequest record = record("req-1", Optional.of(killed.settlement(held, 2 * USD)));

        new SettlingSink(stored::add, ledger).write(List.of(record, record("req-2", Optional.empty())));

        assertThat(spent()).isEqualTo(2 * USD);
        assertThat(stored).containsExactly(List.of(record, record("req-2", Optional.empty())));
    }

    @Test
    void aBatchWhoseSettlementsTheLedgerDoesNotConfirmIsNotStored() {
        BudgetLedger down = (BudgetLedger) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BudgetLedger.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("settleJournaled")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return CompletableFuture.failedFuture(new IllegalStateException("Redis is down"));
                });
        Settlement settlement = new Settlement("req-1", USD, "earlier", List.of());

        assertThatThrownBy(() -> new SettlingSink(stored::add, down).write(List.of(record("req-1",
                Optional.of(settlement))))).hasMessageContaining("did not confirm the settlements of 1");
        assertThat(stored).isEmpty();
    }

    private long spent() {
        List<BudgetState> states = ledger.state(List.of(BUDGET)).toCompletableFuture().join();
        return states.getFirst().spentNanos();
    }

    private static LoggedRequest record(String id, Optional<Settlement> budget) {
        return new LoggedRequest(id, Instant.ofEpochMilli(1_760_000_000_000L), Attribution.named("ci"),
                "/v1/chat/completions", "gpt-4o", "openai", "openai-main", "gpt-4o", false, false, 200, 120, 80,
                new Usage(10, 20, 0, 0, 0), new Costs(1, 2, 2 * USD), "openai-main:200:ok", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Map.of(), RequestSource.API,
                Optional.empty(), UnitUsage.NONE, CacheOutcome.NONE, budget);
    }
}
