package dev.junction.store;

import dev.junction.budget.BudgetPeriod;
import dev.junction.entity.Budget;
import dev.junction.entity.BudgetScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Budgets in the database: at most one per subject and period. Blocking and thread safe: run it on a database thread
 * ({@link Database#call}). Every write increments the {@link StoreRevision}; rule violations throw
 * {@link StoreConflict}. Deleting a key, user, team or tenant deletes its budgets too.
 */
public final class BudgetRepository {

    private static final String SELECT = "SELECT id, scope, scope_id, amount_nanos, period, time_zone, created_at, "
            + "updated_at FROM budgets";

    private final Database database;
    private final Clock clock;

    /** Budgets of this database, timestamped by this clock. */
    public BudgetRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Creates a budget with a new id for a key, user, team or tenant.
     *
     * @throws StoreConflict when the subject does not exist or already has a budget for that period
     */
    public Budget create(BudgetScope scope, String scopeId, Budget.Spec spec) {
        Instant now = Columns.now(clock);
        Budget budget = new Budget(Ids.newId(Ids.BUDGET), scope, scopeId, spec.amountNanos(), spec.period(),
                spec.timeZone(), now, now);
        return ConfigWrite.run(database, handle -> {
            if (!ConfigWrite.exists(handle, table(scope), scopeId)) {
                throw new StoreConflict("there is no " + scope.wireName() + " " + scopeId);
            }
            handle.createUpdate("INSERT INTO budgets (id, scope, scope_id, amount_nanos, period, time_zone, "
                    + "created_at, updated_at) VALUES (:id, :scope, :scopeId, :amountNanos, :period, :timeZone, "
                    + ":createdAt, :updatedAt)")
                    .bind("id", budget.id())
                    .bind("scope", scope.wireName())
                    .bind("scopeId", scopeId)
                    .bind("amountNanos", spec.amountNanos())
                    .bind("period", spec.period().wireName())
                    .bind("timeZone", spec.timeZone().getId())
                    .bind("createdAt", Columns.millis(now))
                    .bind("updatedAt", Columns.millis(now))
                    .execute();
            return budget;
        }, created -> true, violation -> periodTaken(scope, scopeId, spec.period()));
    }

    /** The budget with this id. */
    public Optional<Budget> get(String id) {
        return database.jdbi().withHandle(handle -> get(handle, id));
    }

    /** Every budget, by scope, subject and period. */
    public List<Budget> list() {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " ORDER BY scope, scope_id, period")
                .map((rs, ctx) -> read(rs)).list());
    }

    /** The budgets of one key, user, team or tenant. */
    public List<Budget> listFor(BudgetScope scope, String scopeId) {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT
                + " WHERE scope = :scope AND scope_id = :scopeId ORDER BY period")
                .bind("scope", scope.wireName()).bind("scopeId", scopeId).map((rs, ctx) -> read(rs)).list());
    }

    /**
     * Replaces the budget's amount, period and time zone; empty when there is no such budget.
     *
     * @throws StoreConflict when the subject already has another budget for the new period
     */
    public Optional<Budget> update(String id, Budget.Spec spec) {
        Instant now = Columns.now(clock);
        return ConfigWrite.run(database, handle -> {
            int rows = handle.createUpdate("UPDATE budgets SET amount_nanos = :amountNanos, period = :period, "
                    + "time_zone = :timeZone, updated_at = :updatedAt WHERE id = :id")
                    .bind("id", id)
                    .bind("amountNanos", spec.amountNanos())
                    .bind("period", spec.period().wireName())
                    .bind("timeZone", spec.timeZone().getId())
                    .bind("updatedAt", Columns.millis(now))
                    .execute();
            return rows == 0 ? Optional.<Budget>empty() : get(handle, id);
        }, Optional::isPresent, violation -> "budget " + id + " cannot move to " + spec.period().wireName()
                + ": its subject already has a " + spec.period().wireName() + " budget");
    }

    /**
     * Deletes a budget.
     *
     * @return whether it existed
     */
    public boolean delete(String id) {
        return ConfigWrite.run(database, handle -> handle.createUpdate("DELETE FROM budgets WHERE id = :id")
                .bind("id", id).execute() > 0, deleted -> deleted, violation -> "budget " + id + " is referenced");
    }

    /** Deletes the budgets of a subject that is being deleted, in the caller's transaction. */
    static void deleteAllOf(Handle handle, BudgetScope scope, String scopeId) {
        handle.createUpdate("DELETE FROM budgets WHERE scope = :scope AND scope_id = :scopeId")
                .bind("scope", scope.wireName()).bind("scopeId", scopeId).execute();
    }

    private static String table(BudgetScope scope) {
        return switch (scope) {
            case KEY -> "virtual_keys";
            case USER -> "users";
            case TEAM -> "teams";
            case TENANT -> "tenants";
        };
    }

    private static String periodTaken(BudgetScope scope, String scopeId, BudgetPeriod period) {
        return scope.wireName() + " " + scopeId + " already has a " + period.wireName() + " budget";
    }

    private static Optional<Budget> get(Handle handle, String id) {
        return handle.createQuery(SELECT + " WHERE id = :id").bind("id", id).map((rs, ctx) -> read(rs)).findOne();
    }

    private static Budget read(ResultSet rs) throws SQLException {
        return new Budget(rs.getString("id"), BudgetScope.ofWireName(rs.getString("scope")), rs.getString("scope_id"),
                rs.getLong("amount_nanos"), BudgetPeriod.ofWireName(rs.getString("period")),
                ZoneId.of(rs.getString("time_zone")), Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }
}
