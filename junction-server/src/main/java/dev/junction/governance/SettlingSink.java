package dev.junction.governance;

import dev.junction.budget.BudgetLedger;
import dev.junction.budget.Settlement;
import dev.junction.observe.LoggedRequest;
import dev.junction.observe.RequestLogSink;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The request log's sink as the gateway uses it: before a batch is stored, the budget settlement each record keeps
 * ({@link LoggedRequest#budget}) is settled again and confirmed ({@link BudgetLedger#settleJournaled}, a no-op for
 * a reservation already ended). A request is journaled before its budgets are settled, so a gateway killed between
 * the two, or before its settle reached the ledger, left the settlement in its journal; because a batch leaves the
 * journal only after this sink stored it, every record in the database has its cost in the budgets, once.
 *
 * <p>When the ledger does not confirm (Redis unreachable), the batch fails like a database failure and is retried
 * with the writer's backoff; it stays in the journal meanwhile. Called on the writer's delivery thread only.
 */
final class SettlingSink implements RequestLogSink {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RequestLogSink sink;
    private final BudgetLedger ledger;

    SettlingSink(RequestLogSink sink, BudgetLedger ledger) {
        this.sink = sink;
        this.ledger = ledger;
    }

    @Override
    public void write(List<LoggedRequest> batch) throws Exception {
        List<CompletableFuture<Void>> settled = batch.stream().map(LoggedRequest::budget).flatMap(Optional::stream)
                .map(this::settle).toList();
        if (!settled.isEmpty()) {
            try {
                CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new))
                        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the budget ledger did not confirm the settlements of "
                        + settled.size() + " journaled requests: " + e, e);
            }
        }
        sink.write(batch);
    }

    private CompletableFuture<Void> settle(Settlement settlement) {
        return ledger.settleJournaled(settlement).toCompletableFuture();
    }
}
