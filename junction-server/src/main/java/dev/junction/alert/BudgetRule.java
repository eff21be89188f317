package dev.junction.alert;

import dev.junction.budget.BudgetState;
import dev.junction.config.AlertSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code budget}: a budget whose settled spending in its current period reached one of the {@code levels} (percent
 * of its limit; 50, 80 and 100 unless configured). Each level reached is its own incident, so 50% and then 80% each
 * send one message; all resolve when the period starts again (or the limit is raised). The ledger is polled at each
 * evaluation, one poll at a time; a rule judges the last answer it got.
 */
final class BudgetRule implements Rule {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetRule.class);

    private final AlertSettings.Rule settings;
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile List<BudgetState> latest = List.of();

    BudgetRule(AlertSettings.Rule settings) {
        this.settings = settings;
    }

    @Override
    public AlertSettings.Rule settings() {
        return settings;
    }

    @Override
    public List<Finding> evaluate(Instant now, Probes probes) {
        poll(probes);
        List<Finding> out = new ArrayList<>();
        for (BudgetState state : latest) {
            long limit = state.account().limitNanos();
            if (limit <= 0) {
                continue;
            }
            double percent = 100.0 * state.spentNanos() / limit;
            for (int level : settings.levels()) {
                if (percent >= level) {
                    String budget = state.account().displayName();
                    Map<String, String> facts = new LinkedHashMap<>();
                    facts.put("spent", dollars(state.spentNanos()));
                    facts.put("limit", dollars(limit));
                    facts.put("used", Math.round(percent) + "%");
                    facts.put("period", state.account().period().toString().toLowerCase(java.util.Locale.ROOT));
                    out.add(new Finding(budget + " ≥ " + level + "%", "Budget " + budget + " has used "
                            + Math.round(percent) + "% of its limit this period (level " + level + "%).", facts));
                }
            }
        }
        return out;
    }

    private void poll(Probes probes) {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        try {
            probes.budgets().whenComplete((states, failure) -> {
                if (failure != null) {
                    LOG.debug("The budget ledger could not be read for alerts: {}", failure.toString());
                } else {
                    latest = List.copyOf(states);
                }
                polling.set(false);
            });
        } catch (RuntimeException e) {
            polling.set(false);
            LOG.debug("The budget ledger could not be read for alerts: {}", e.toString());
        }
    }

    private static String dollars(long nanos) {
        return String.format(java.util.Locale.ROOT, "$%.2f", nanos / 1e9);
    }
}
