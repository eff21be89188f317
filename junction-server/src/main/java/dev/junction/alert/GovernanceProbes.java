package dev.junction.alert;

import dev.junction.budget.BudgetState;
import dev.junction.governance.Governance;
import dev.junction.governance.KeyGrant;
import dev.junction.observe.WriterStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The probes of a running gateway: the request-log writer's counters, the ledger's state of every stored budget,
 * the database as the request-log writer last found it and, when a Redis is configured, its replica channel.
 */
public final class GovernanceProbes implements Probes {

    private final Governance governance;
    private final boolean redisConfigured;

    public GovernanceProbes(Governance governance, boolean redisConfigured) {
        this.governance = governance;
        this.redisConfigured = redisConfigured;
    }

    @Override
    public WriterStats requestLog() {
        return governance.writer().stats();
    }

    @Override
    public CompletionStage<List<BudgetState>> budgets() {
        return governance.ledger().state(governance.snapshot().budgets().stream().map(KeyGrant::account).toList());
    }

    @Override
    public Map<String, Boolean> dependencies() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        out.put("database", governance.writer().stats().databaseUp());
        if (redisConfigured) {
            out.put("redis", governance.replicas().connectedChannels().contains("redis"));
        }
        return out;
    }
}
