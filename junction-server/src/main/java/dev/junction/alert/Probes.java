package dev.junction.alert;

import dev.junction.budget.BudgetState;
import dev.junction.observe.WriterStats;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** The states the polling rules read: the request-log writer, the budgets, the stores this replica depends on. */
public interface Probes {

    /** The request-log writer's counters now. */
    WriterStats requestLog();

    /** Every budget's state in its current window; may complete on any thread. */
    CompletionStage<List<BudgetState>> budgets();

    /** Each store this replica depends on ({@code database}, {@code redis}), and whether it is reachable now. */
    Map<String, Boolean> dependencies();
}
