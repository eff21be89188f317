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
import dev.junction.routing.Deployment;
import dev.junction.routing.Route;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The data plane's gatekeeper between authentication and routing. For a virtual key it checks the model scope, takes
 * the rate-limit allowance (one request, the estimated tokens, a concurrency slot) for the key, user, team and tenant
 * at once, and reserves the request's worst-case charged cost in every budget that applies; the returned
 * {@link Admission} gives back what was not used when the request finishes. Never blocks: the limiter and the ledger
 * answer asynchronously and the result is delivered on the caller's context. Thread safe.
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
     */
    public record Ask(String requestId, String publicModel, Route route, LongSupplier inputTokens,
                      OptionalInt maxOutputTokens) {
    }

    /**
     * Lets the request in, or fails with a {@link Refusal}: {@link GatewayError.PermissionDenied} for a model outside
     * the key's scope, {@link GatewayError.RateLimited} for a limit, {@link GatewayError.BudgetExceeded} for a budget,
     * {@link GatewayError.Unavailable} when the shared budget ledger cannot be reached (budgets are never given up).
     */
    public Future<Admission> admit(Caller caller, Ask ask, Context context) {
        if (caller.grant().isEmpty()) {
            return Future.succeededFuture(Admission.unmetered(ask.requestId(), ask.route(), limiter, ledger));
        }
        KeyGrant grant = caller.grant().get();
        if (!grant.allowsModel(ask.publicModel())) {
            return Future.failedFuture(new Refusal(new GatewayError.PermissionDenied("The API key '"
                    + grant.key().name() + "' may not use the model '" + ask.publicModel() + "'. Allowed: "
                    + String.join(", ", grant.scope().patterns()) + "."), Optional.empty()));
        }
        List<LimitSubject> subjects = grant.limitSubjects();
        if (subjects.isEmpty() && grant.budgets().isEmpty()) {
            return Future.succeededFuture(Admission.unmetered(ask.requestId(), ask.route(), limiter, ledger));
        }
        long input = ask.inputTokens().getAsLong();
        long maxOutput = maxOutput(ask);
        long tokens = input + maxOutput;
        Future<Optional<LimitDecision.Allowed>> limited = subjects.isEmpty()
                ? Future.succeededFuture(Optional.empty())
                : Future.fromCompletionStage(limiter.acquire(subjects, tokens, ask.requestId()), context)
                        .compose(decision -> switch (decision) {
                            case LimitDecision.Allowed a -> Future.succeededFuture(Optional.of(a));
                            case LimitDecision.Denied d -> Future.failedFuture(new Refusal(
                                    new GatewayError.RateLimited(d.message(), Optional.of(d.retryAfter())),
                                    Optional.of(d)));
                        });
        return limited.compose(allowed -> reserve(grant, ask, input, maxOutput, context).transform(ar -> {
            if (ar.failed()) {
                if (!subjects.isEmpty()) {
                    limiter.release(subjects, ask.requestId(), tokens, 0);
                }
                return Future.failedFuture(ar.cause());
            }
            return Future.succeededFuture(new Admission(ask.requestId(), ask.route(), subjects, tokens, allowed, ar.result(),
                    limiter, ledger));
        }));
    }

    private Future<Optional<Reservation.Granted>> reserve(KeyGrant grant, Ask ask, long input, long maxOutput,
                                                          Context context) {
        List<BudgetAccount> accounts = grant.budgetAccounts();
        if (accounts.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        long worstCase = costs.get().worstCaseChargedNanos(ask.publicModel(), ask.route().deployments(),
                input, maxOutput, markup(Optional.of(grant), ask.route()));
        return Future.fromCompletionStage(ledger.reserve(accounts, worstCase, ask.requestId()), context)
                .recover(e -> Future.failedFuture(e instanceof BudgetUnavailable
                        ? new Refusal(new GatewayError.Unavailable("Budgets cannot be checked right now; try again "
                                + "shortly.", Optional.of(Duration.ofSeconds(1))), Optional.empty())
                        : e))
                .compose(reservation -> switch (reservation) {
                    case Reservation.Granted g -> Future.succeededFuture(Optional.of(g));
                    case Reservation.Denied d -> Future.failedFuture(new Refusal(
                            new GatewayError.BudgetExceeded(d.message()), Optional.empty()));
                });
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
        return costs.get().costs(new CostInputs(publicModel, deployment.map(Deployment::model).orElse(publicModel),
                deployment.flatMap(Deployment::price), usage, markup(caller.grant(), route)));
    }

    /** The route's markup on top of the team's or tenant's: (1 + route) × (1 + customer) − 1. */
    private double markup(Optional<KeyGrant> grant, Route route) {
        double routeMarkup = pricing.routeMarkups().getOrDefault(route.name(), 0.0);
        double customer = grant.map(KeyGrant::markup).orElse(0.0);
        return (1 + routeMarkup) * (1 + customer) - 1;
    }
}
