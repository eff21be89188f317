package dev.junction.endpoint;

import dev.junction.budget.BudgetState;
import dev.junction.entity.Budget;
import dev.junction.governance.Caller;
import dev.junction.governance.KeyGrant;
import dev.junction.json.Json;
import dev.junction.limit.LimitStatus;
import dev.junction.limit.LimitSubject;
import dev.junction.model.GatewayError;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import dev.junction.pricing.Costs;
import dev.junction.runtime.GatewayRuntime;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/me}: what the caller's key may do and how much of it is left: its user, team and tenant, the models
 * it may call, every budget that applies with this period's spend, reservations, headroom and reset time, and its
 * rate limits with what remains of them now. Read from the snapshot, the ledger and the limiter; never the database.
 */
public final class MeHandler implements Stage {

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        exchange.record().operation("me");
        GatewayRuntime rt = exchange.runtime();
        Caller caller = exchange.caller().orElseThrow();
        ObjectNode body = Json.object();
        List<String> models = rt.governance().snapshot().visibleModels(rt.resolver().publicModels(),
                caller.grant().map(g -> g.tenant().id()));
        if (caller.grant().isEmpty()) {
            body.putObject("key").put("name", caller.attribution().keyName()).put("kind", "gateway");
            models.forEach(body.putArray("allowed_models")::add);
            body.putArray("budgets");
            body.putArray("limits");
            return Future.succeededFuture(new Reply.Json(body));
        }
        KeyGrant grant = caller.grant().get();
        ObjectNode key = body.putObject("key").put("id", grant.key().id()).put("name", grant.key().name())
                .put("kind", "virtual").put("prefix", grant.key().displayPrefix());
        grant.key().expiresAt().ifPresentOrElse(at -> key.put("expires_at", at.toString()),
                () -> key.putNull("expires_at"));
        grant.key().tags().forEach(key.putArray("tags")::add);
        grant.scope().patterns().forEach(key.putArray("model_scope")::add);
        body.putObject("user").put("id", grant.user().id()).put("name", grant.user().name());
        grant.team().ifPresentOrElse(t -> body.putObject("team").put("id", t.id()).put("name", t.name()),
                () -> body.putNull("team"));
        body.putObject("tenant").put("id", grant.tenant().id()).put("name", grant.tenant().name());
        ArrayNode allowed = body.putArray("allowed_models");
        models.stream().filter(grant::allowsModel).forEach(allowed::add);
        var context = exchange.context();
        List<LimitSubject> subjects = grant.limitSubjects();
        Future<List<BudgetState>> budgets = Future.fromCompletionStage(
                rt.governance().ledger().state(grant.budgetAccounts()), context);
        Future<Map<String, List<LimitStatus>>> limits = Future.fromCompletionStage(
                rt.governance().limiter().peek(subjects), context);
        return Future.all(budgets, limits).transform(ar -> {
            if (ar.failed()) {
                return Future.succeededFuture(new Reply.Refused(new GatewayError.Unavailable(
                        "Budgets and limits cannot be read right now; try again shortly.", Optional.empty())));
            }
            ArrayNode out = body.putArray("budgets");
            List<BudgetState> states = budgets.result();
            for (int i = 0; i < states.size(); i++) {
                budget(out.addObject(), grant.budgets().get(i), states.get(i));
            }
            ArrayNode lims = body.putArray("limits");
            for (LimitSubject subject : subjects) {
                limit(lims.addObject(), subject, limits.result().getOrDefault(subject.id(), List.of()));
            }
            return Future.succeededFuture(new Reply.Json(body));
        });
    }

    private static void budget(ObjectNode node, Budget budget, BudgetState state) {
        node.put("id", budget.id()).put("scope", budget.scope().wireName()).put("scope_id", budget.scopeId())
                .put("period", budget.period().wireName()).put("time_zone", budget.timeZone().getId())
                .put("amount_usd", Costs.usd(budget.amountNanos()))
                .put("spent_usd", Costs.usd(state.spentNanos()))
                .put("reserved_usd", Costs.usd(state.reservedNanos()))
                .put("remaining_usd", Costs.usd(Math.max(0, state.remainingNanos())))
                .put("period_start", state.window().start().toString());
        state.window().end().ifPresentOrElse(end -> node.put("resets_at", end.toString()),
                () -> node.putNull("resets_at"));
    }

    private static void limit(ObjectNode node, LimitSubject subject, List<LimitStatus> statuses) {
        node.put("subject", subject.id());
        subject.limits().requestsPerMinute().ifPresent(v -> node.put("requests_per_minute", v));
        subject.limits().tokensPerMinute().ifPresent(v -> node.put("tokens_per_minute", v));
        subject.limits().maxConcurrent().ifPresent(v -> node.put("max_concurrent", v));
        for (LimitStatus s : statuses) {
            String kind = switch (s.kind()) {
                case REQUESTS -> "requests";
                case TOKENS -> "tokens";
                case CONCURRENCY -> "concurrent";
            };
            node.put("remaining_" + kind, Math.max(0, s.remaining()));
            if (s.kind() != dev.junction.limit.LimitKind.CONCURRENCY) {
                node.put("reset_" + kind + "_ms", s.resetIn().toMillis());
            }
        }
    }

}
