package dev.junction.events;

import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A budget's spending moved: requests settled or reserved against it (on any replica sharing its ledger), or its
 * period started again. Published while someone watches the live stream, at most once per budget and poll.
 *
 * @param at when the change was seen
 * @param budgetId the budget ({@code bud_…})
 * @param scope what it caps: {@code key}, {@code user}, {@code team} or {@code tenant}
 * @param scopeId the id of what it caps
 * @param tenant the tenant its scope belongs to, when known
 * @param limitNanos its amount per period, in nano-dollars
 * @param spentNanos settled spending this period
 * @param reservedNanos reservations of requests still running
 * @param periodStart when the current period began
 * @param resetsAt when it starts again; empty for a total budget
 */
public record BudgetChanged(Instant at, String budgetId, String scope, String scopeId, Optional<String> tenant,
                            long limitNanos, long spentNanos, long reservedNanos, Instant periodStart,
                            Optional<Instant> resetsAt) implements GatewayEvent {

    @Override
    public String kind() {
        return "budget";
    }

    @Override
    public Optional<String> tenantId() {
        return tenant;
    }

    @Override
    public void describe(ObjectNode summary) {
        summary.put("budget_id", budgetId).put("scope", scope).put("scope_id", scopeId)
                .put("amount_usd", usd(limitNanos)).put("spent_usd", usd(spentNanos))
                .put("reserved_usd", usd(reservedNanos))
                .put("remaining_usd", usd(Math.max(0, limitNanos - spentNanos - reservedNanos)))
                .put("period_start", periodStart.toString());
        resetsAt.ifPresentOrElse(t -> summary.put("resets_at", t.toString()), () -> summary.putNull("resets_at"));
    }

    private static double usd(long nanos) {
        return nanos / 1e9;
    }
}
