package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.budget.BudgetLedger;
import dev.junction.budget.BudgetState;
import dev.junction.entity.Budget;
import dev.junction.entity.BudgetScope;
import dev.junction.governance.KeyGrant;
import dev.junction.store.GovernanceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/admin/budgets}: create, list, read, update and delete budgets. Reads include the ledger's spend,
 * holds and what remains in the current period; a ledger that cannot be asked (Redis down) leaves them out rather
 * than failing the read.
 */
final class BudgetsResource {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetsResource.class);
    private static final List<String> SCOPES = List.of("key", "user", "team", "tenant");

    private final AuditedWrites writes;
    private final BudgetLedger ledger;

    BudgetsResource(AuditedWrites writes, BudgetLedger ledger) {
        this.writes = writes;
        this.ledger = ledger;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/budgets", this::list),
                AdminRoute.of(POST, "/api/admin/budgets", this::create),
                AdminRoute.of(GET, "/api/admin/budgets/{id}", this::get),
                AdminRoute.of(PATCH, "/api/admin/budgets/{id}", this::update),
                AdminRoute.of(DELETE, "/api/admin/budgets/{id}", this::delete));
    }

    private CompletionStage<Reply> list(Call call) {
        QueryParams query = call.query(Set.of("scope", "scope_id"));
        Optional<BudgetScope> scope = query.oneOf("scope", SCOPES).map(BudgetJson::scope);
        Optional<String> scopeId = query.string("scope_id");
        return writes.read(s -> s.budgets().list().stream()
                        .filter(b -> scope.isEmpty() || b.scope() == scope.get())
                        .filter(b -> scopeId.isEmpty() || b.scopeId().equals(scopeId.get()))
                        .filter(b -> call.scope() instanceof dev.junction.rbac.TenantScope.All
                                || TenantOf.ofBudget(s, b).filter(call.scope()::includes).isPresent()).toList())
                .thenCompose(this::withStates)
                .thenApply(rendered -> Reply.list(rendered, node -> node));
    }

    private CompletionStage<Reply> create(Call call) {
        BudgetJson.NewBudget request = BudgetJson.newBudget(call.body(BudgetJson.CREATE_FIELDS));
        return writes.write(call.actor(), s -> {
            requireSubject(s, request.scope(), request.scopeId());
            if (TenantOf.ofScope(s, request.scope(), request.scopeId()).filter(call.scope()::includes).isEmpty()) {
                throw AdminError.invalid("'scope_id': there is no " + request.scope().wireName() + " '"
                        + request.scopeId() + "'.");
            }
            Budget budget = s.budgets().create(request.scope(), request.scopeId(), request.spec());
            return Outcome.changed(budget, Entry.created("budget", budget.id(),
                    BudgetJson.render(budget, Optional.empty())));
        }).thenCompose(b -> withStates(List.of(b))).thenApply(rendered -> Reply.created(rendered.getFirst()));
    }

    private CompletionStage<Reply> get(Call call) {
        String id = call.param("id");
        return writes.read(s -> s.budgets().get(id).orElseThrow(() -> AdminError.notFound("budget", id)))
                .thenCompose(b -> withStates(List.of(b))).thenApply(rendered -> Reply.ok(rendered.getFirst()));
    }

    private CompletionStage<Reply> update(Call call) {
        String id = call.param("id");
        Fields fields = call.body(BudgetJson.UPDATE_FIELDS);
        return writes.write(call.actor(), s -> {
            Budget before = s.budgets().get(id).orElseThrow(() -> AdminError.notFound("budget", id));
            Budget.Spec spec = BudgetJson.spec(fields, Optional.of(before.spec()));
            if (spec.equals(before.spec())) {
                return Outcome.unchanged(before);
            }
            Budget after = s.budgets().update(id, spec).orElseThrow();
            return Outcome.changed(after, Entry.updated("budget", id, BudgetJson.render(before, Optional.empty()),
                    BudgetJson.render(after, Optional.empty())));
        }).thenCompose(b -> withStates(List.of(b))).thenApply(rendered -> Reply.ok(rendered.getFirst()));
    }

    private CompletionStage<Reply> delete(Call call) {
        String id = call.param("id");
        return writes.write(call.actor(), s -> {
            Budget before = s.budgets().get(id).orElseThrow(() -> AdminError.notFound("budget", id));
            s.budgets().delete(id);
            return Outcome.changed(before, Entry.deleted("budget", id, BudgetJson.render(before, Optional.empty())));
        }).thenApply(b -> Reply.noContent());
    }

    /** The budgets rendered with the ledger's state of each, or without it when the ledger fails. */
    private CompletionStage<List<ObjectNode>> withStates(List<Budget> budgets) {
        return ledger.state(budgets.stream().map(KeyGrant::account).toList())
                .<List<Optional<BudgetState>>>thenApply(states -> states.stream().map(Optional::of).toList())
                .exceptionally(failure -> {
                    LOG.warn("The budget ledger could not be read: {}", failure.toString());
                    return budgets.stream().map(b -> Optional.<BudgetState>empty()).toList();
                })
                .thenApply(states -> {
                    List<ObjectNode> rendered = new ArrayList<>(budgets.size());
                    for (int i = 0; i < budgets.size(); i++) {
                        rendered.add(BudgetJson.render(budgets.get(i), states.get(i)));
                    }
                    return rendered;
                });
    }

    private static void requireSubject(GovernanceStore s, BudgetScope scope, String id) {
        boolean exists = switch (scope) {
            case KEY -> s.keys().get(id).isPresent();
            case USER -> s.users().get(id).isPresent();
            case TEAM -> s.teams().get(id).isPresent();
            case TENANT -> s.tenants().get(id).isPresent();
        };
        if (!exists) {
            throw AdminError.invalid("'scope_id': there is no " + scope.wireName() + " '" + id + "'.");
        }
    }
}
