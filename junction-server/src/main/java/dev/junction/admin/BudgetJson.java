package dev.junction.admin;

import dev.junction.budget.BudgetPeriod;
import dev.junction.budget.BudgetState;
import dev.junction.entity.Budget;
import dev.junction.entity.BudgetScope;
import dev.junction.json.Json;
import dev.junction.pricing.Costs;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Budgets in the admin API's JSON, both ways: amounts in US dollars, periods and scopes by their wire names. */
public final class BudgetJson {

    /** The fields an update may send. */
    static final Set<String> UPDATE_FIELDS = Set.of("amount_usd", "period", "time_zone");
    /** The fields a create may send: an update's and the subject. */
    static final Set<String> CREATE_FIELDS = Fields.names(UPDATE_FIELDS, "scope", "scope_id");

    /** The zone of a budget that names none, by the id people write. */
    private static final ZoneId UTC = ZoneId.of("UTC");

    /** The largest amount, so that it fits the ledger's nano-dollars with room to spare. */
    private static final double MAX_USD = 1e9;

    /**
     * A budget to create, as a body describes it.
     *
     * @param scope what it caps
     * @param scopeId the key, user, team or tenant
     * @param spec the amount, period and time zone
     */
    public record NewBudget(BudgetScope scope, String scopeId, Budget.Spec spec) {
    }

    private BudgetJson() {}

    /**
     * A budget as the API shows it, with the ledger's numbers for the current period when known.
     *
     * @param state the ledger's state of its account; empty when the ledger could not be asked
     */
    public static ObjectNode render(Budget b, Optional<BudgetState> state) {
        ObjectNode node = Json.object().put("id", b.id()).put("scope", b.scope().wireName())
                .put("scope_id", b.scopeId()).put("amount_usd", Costs.usd(b.amountNanos()))
                .put("period", b.period().wireName()).put("time_zone", b.timeZone().getId());
        state.ifPresent(s -> {
            node.put("spent_usd", Costs.usd(s.spentNanos())).put("reserved_usd", Costs.usd(s.reservedNanos()))
                    .put("remaining_usd", Costs.usd(s.remainingNanos()))
                    .put("period_start", s.window().start().toString());
            s.window().end().ifPresentOrElse(end -> node.put("resets_at", end.toString()),
                    () -> node.putNull("resets_at"));
        });
        return node.put("created_at", b.createdAt().toString()).put("updated_at", b.updatedAt().toString());
    }

    /**
     * The budget a create body describes (the admin API's {@code POST /api/admin/budgets}, and the CLI's).
     *
     * @throws AdminError for an unknown field or a bad value
     */
    public static NewBudget newBudget(JsonNode body) {
        return newBudget(Fields.of(body, CREATE_FIELDS));
    }

    /** The budget a create body's fields describe. */
    static NewBudget newBudget(Fields f) {
        BudgetScope scope = scope(f.requiredString("scope"));
        String scopeId = f.requiredString("scope_id");
        return new NewBudget(scope, scopeId, spec(f, Optional.empty()));
    }

    /** The amount, period and time zone of a new budget, from fields already checked against {@link #UPDATE_FIELDS}. */
    static Budget.Spec newSpec(Fields f) {
        return spec(f, Optional.empty());
    }

    /** The spec a body describes: a new budget's, or {@code current} with the body's fields. */
    static Budget.Spec spec(Fields f, Optional<Budget.Spec> current) {
        long nanos = f.has("amount_usd") || current.isEmpty()
                ? Costs.nanos(f.number("amount_usd", 0, MAX_USD)
                        .orElseThrow(() -> AdminError.invalid("'amount_usd' is required.")))
                : current.get().amountNanos();
        BudgetPeriod period = f.has("period") || current.isEmpty() ? period(f.requiredString("period"))
                : current.get().period();
        ZoneId zone = f.has("time_zone") ? zone(f.string("time_zone").orElse("UTC"))
                : current.map(Budget.Spec::timeZone).orElse(UTC);
        return new Budget.Spec(nanos, period, zone);
    }

    /** A scope by its wire name. */
    public static BudgetScope scope(String name) {
        try {
            return BudgetScope.ofWireName(name);
        } catch (IllegalArgumentException e) {
            throw AdminError.invalid("'scope' must be one of " + names(BudgetScope.values()) + ", got '" + name
                    + "'.");
        }
    }

    /** A period by its wire name. */
    public static BudgetPeriod period(String name) {
        try {
            return BudgetPeriod.ofWireName(name);
        } catch (IllegalArgumentException e) {
            throw AdminError.invalid("'period' must be one of " + names(BudgetPeriod.values()) + ", got '" + name
                    + "'.");
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw AdminError.invalid("'time_zone' must be a time-zone id such as UTC or Europe/Berlin, got '" + id
                    + "'.");
        }
    }

    private static String names(Enum<?>[] values) {
        return String.join(", ", Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
                .toList());
    }
}
