package dev.junction.governance;

import dev.junction.budget.BudgetAccount;
import dev.junction.budget.BudgetLedger;
import dev.junction.budget.BudgetUnavailable;
import dev.junction.budget.Reservation;
import dev.junction.config.GovernanceSettings;
import dev.junction.limit.LimitDecision;
import dev.junction.limit.LimitSubject;
import dev.junction.limit.RateLimiter;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.pricing.CostCalculator;
import dev.junction.pricing.CostInputs;
import dev.junction.pricing.Costs;
import dev.junction.pricing.UnitUsage;
import dev.junction.routing.OperationKind;
import dev.junction.routing.Deployment;
import dev.junction.routing.Route;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The rules a virtual key's request is held to, as the request path's stages ask them: may the caller use the model
 * ({@link #scope}), take its rate-limit allowance ({@link #limit}), reserve its worst-case charged cost in every
 * budget ({@link #reserve}), and what it cost ({@link #costs}). Callers without a virtual key are held to nothing.
 * Never blocks: the limiter and the ledger answer asynchronously and results are delivered on the caller's context.
 * Thread safe.
 */
public final class Governor {

    private final RateLimiter limiter;
    private final BudgetLedger ledger;
    private final Supplier<CostCalculator> costs;
    private final GovernanceSettings.PricingSettings pricing;

    public Governor(RateLimiter limiter, BudgetLedger ledger, Supplier<CostCalculator> costs,
                    GovernanceSettings.PricingSettings pricing) {
        this.limiter = limiter;
        this.ledger = ledger;
        this.costs = costs;
        this.pricing = pricing;
    }

    /**
     * What the governor needs to know about a request.
     *
     * @param inputTokens estimates the input tokens; asked only when a limit or budget applies
     * @param maxOutputTokens the request's output cap ({@code max_tokens}), when it set one
     * @param worstCaseUnits the most the request may consume besides tokens (e.g. {@code n} images), for budgets
     */
    public record Ask(String requestId, String publicModel, Route route, LongSupplier inputTokens,
                      OptionalInt maxOutputTokens, UnitUsage worstCaseUnits) {

        /** What a request of tokens only asks. */
        public Ask(String requestId, String publicModel, Route route, LongSupplier inputTokens,
                   OptionalInt maxOutputTokens) {
            this(requestId, publicModel, route, inputTokens, maxOutputTokens, UnitUsage.NONE);
        }
    }

    /** Why the caller may not use the model, if it may not. */
    public Optional<GatewayError> scope(Caller caller, String publicModel) {
        return caller.grant().filter(grant -> !grant.allowsModel(publicModel)).map(grant ->
                new GatewayError.PermissionDenied("The API key '" + grant.key().name() + "' may not use the model '"
                        + publicModel + "'. Allowed: " + String.join(", ", grant.scope().patterns()) + "."));
    }

    /**
     * Why the caller may not use this operation, if its key or tenant turned it off: a 403 naming the capability.
     */
    public Optional<GatewayError> capability(Caller caller, OperationKind operation) {
        return caller.grant().flatMap(grant -> grant.disabling(operation)).map(who ->
                new GatewayError.PermissionDenied("The '" + operation.wireName() + "' capability is disabled for the "
                        + who + "."));
    }

    /**
     * Takes the request's allowance under the caller's limits: empty when none apply, a {@link Refusal} with a
     * {@link GatewayError.RateLimited} when one is exceeded.
     */
    public Future<Optional<LimitHold>> limit(Caller caller, Ask ask, Context context) {
        List<LimitSubject> subjects = caller.grant().map(KeyGrant::limitSubjects).orElse(List.of());
        if (subjects.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        long tokens = ask.inputTokens().getAsLong() + maxOutput(ask);
        return Future.fromCompletionStage(limiter.acquire(subjects, tokens, ask.requestId()), context)
                .compose(decision -> switch (decision) {
                    case LimitDecision.Allowed a -> Future.succeededFuture(
                            Optional.of(new LimitHold(ask.requestId(), subjects, tokens, a, limiter)));
                    case LimitDecision.Denied d -> Future.failedFuture(new Refusal(
                            new GatewayError.RateLimited(d.message(), Optional.of(d.retryAfter())), Optional.of(d)));
                });
    }

    /**
     * Reserves the request's worst-case charged cost in every budget of the caller: empty when none apply, a
     * {@link Refusal} with {@link GatewayError.BudgetExceeded} when one cannot afford it, or with
     * {@link GatewayError.Unavailable} when the shared ledger cannot be reached (budgets are never given up).
     */
    public Future<Optional<BudgetHold>> reserve(Caller caller, Ask ask, Context context) {
        List<BudgetAccount> accounts = caller.grant().map(KeyGrant::budgetAccounts).orElse(List.of());
        if (accounts.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        long worstCase = costs.get().worstCaseChargedNanos(ask.publicModel(), ask.route().deployments(),
                ask.inputTokens().getAsLong(), maxOutput(ask), ask.worstCaseUnits(), markup(caller.grant(),
                        ask.route()));
        return Future.fromCompletionStage(ledger.reserve(accounts, worstCase, ask.requestId()), context)
                .recover(e -> Future.failedFuture(unwrap(e) instanceof BudgetUnavailable
                        ? new Refusal(new GatewayError.Unavailable("Budgets cannot be checked right now; try again "
                                + "shortly.", Optional.of(Duration.ofSeconds(1))), Optional.empty())
                        : e))
                .compose(reservation -> switch (reservation) {
                    case Reservation.Granted g -> Future.succeededFuture(
                            Optional.of(new BudgetHold(ask.requestId(), g, ledger)));
                    case Reservation.Denied d -> Future.failedFuture(new Refusal(
                            new GatewayError.BudgetExceeded(d.message()), Optional.empty()));
                });
    }

    /** The cause a completion stage wraps (Redis rejecting a command at once arrives wrapped). */
    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** The output tokens a request may use at most: its own cap, the model's known limit, or the default. */
    private long maxOutput(Ask ask) {
        if (ask.maxOutputTokens().isPresent()) {
            return ask.maxOutputTokens().getAsInt();
        }
        var known = costs.get().catalog().maxOutputTokens(ask.publicModel());
        return known.isPresent() ? known.getAsLong() : pricing.defaultMaxTokens();
    }

    /** The request's three cost layers for the tokens it used. */
    public Costs costs(Caller caller, String publicModel, Route route, Optional<Deployment> deployment, Usage usage) {
        return costs(caller, publicModel, route, deployment, usage, UnitUsage.NONE);
    }

    /** The request's three cost layers for the tokens and the units it used. */
    public Costs costs(Caller caller, String publicModel, Route route, Optional<Deployment> deployment, Usage usage,
                       UnitUsage units) {
        return costs.get().costs(new CostInputs(publicModel, deployment.map(Deployment::model).orElse(publicModel),
                deployment.flatMap(Deployment::price), usage, units, markup(caller.grant(), route)));
    }

    /** The route's markup on top of the team's or tenant's: (1 + route) × (1 + customer) − 1. */
    private double markup(Optional<KeyGrant> grant, Route route) {
        double routeMarkup = pricing.routeMarkups().getOrDefault(route.name(), 0.0);
        double customer = grant.map(KeyGrant::markup).orElse(0.0);
        return (1 + routeMarkup) * (1 + customer) - 1;
    }
}
