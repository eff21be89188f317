package dev.junction.metrics;

import dev.junction.events.RequestFinished;
import dev.junction.model.GatewayError;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import dev.junction.routing.AttemptRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.Consumer;

/**
 * The gateway's own request counters ({@code junction_*}): requests, errors by class, attempts and fallbacks by
 * reason, the three cost layers, and the rate-limit and budget refusals. Runs on the publisher's thread: a lookup in
 * a cache and an increment per meter, nothing else.
 */
final class RequestMeters implements Consumer<RequestFinished> {

    private record RequestKey(String endpoint, String route, String provider, String statusClass, String operation,
                              String keyName) {
    }

    private record ErrorKey(String errorType, String route, String provider) {
    }

    private record AttemptKey(String provider, String deployment, String outcome) {
    }

    private record FallbackKey(String route, String reason) {
    }

    private record CostKey(String layer, String route, String provider) {
    }

    private record RefusalKey(String reason, String source) {
    }

    private final RequestLabels labels;
    private final boolean keyNames;
    private final MeterCache<RequestKey, Counter> requests;
    private final MeterCache<ErrorKey, Counter> errors;
    private final MeterCache<AttemptKey, Counter> attempts;
    private final MeterCache<FallbackKey, Counter> fallbacks;
    private final MeterCache<CostKey, Counter> costs;
    private final MeterCache<RefusalKey, Counter> refusals;

    RequestMeters(MeterRegistry registry, RequestLabels labels, boolean keyNames) {
        this.labels = labels;
        this.keyNames = keyNames;
        this.requests = new MeterCache<>(k -> {
            Tags tags = Tags.of("endpoint", k.endpoint(), "route", k.route(), "provider", k.provider(),
                    "status_class", k.statusClass(), "operation", k.operation());
            return Counter.builder("junction.requests").description("Data-plane requests, by how they ended")
                    .tags(keyNames ? tags.and("key_name", k.keyName()) : tags).register(registry);
        });
        this.errors = new MeterCache<>(k -> Counter.builder("junction.errors")
                .description("Requests that ended in an error, by its class")
                .tags("error_type", k.errorType(), "route", k.route(), "provider", k.provider()).register(registry));
        this.attempts = new MeterCache<>(k -> Counter.builder("junction.attempts")
                .description("Upstream attempts, by outcome (success or the failure's reason)")
                .tags("provider", k.provider(), "deployment", k.deployment(), "outcome", k.outcome())
                .register(registry));
        this.fallbacks = new MeterCache<>(k -> Counter.builder("junction.fallbacks")
                .description("Attempts after a request's first (retries and failovers), by why the one before failed")
                .tags("route", k.route(), "reason", k.reason()).register(registry));
        this.costs = new MeterCache<>(k -> Counter.builder("junction.cost").baseUnit("usd")
                .description("Cost in US dollars, by layer: metered (the upstream's price), standard (the list price "
                        + "of the model asked for), charged (what budgets were charged)")
                .tags("layer", k.layer(), "route", k.route(), "provider", k.provider()).register(registry));
        this.refusals = new MeterCache<>(k -> Counter.builder("junction.refusals")
                .description("Requests refused for a rate limit or a budget; source gateway (its own limits) or "
                        + "upstream (every deployment tried was rate limited)")
                .tags("reason", k.reason(), "source", k.source()).register(registry));
    }

    @Override
    public void accept(RequestFinished event) {
        LoggedRequest r = event.request();
        String route = labels.route(event);
        String provider = labels.provider(r.provider());
        requests.get(new RequestKey(labels.endpoint(event), route, provider, RequestLabels.statusClass(r.status()),
                event.operation(), keyNames ? labels.keyName(event) : "")).increment();
        if (event.failure().isPresent() || event.clientGone()) {
            errors.get(new ErrorKey(RequestLabels.errorType(event), route, provider)).increment();
        }
        event.failure().ifPresent(error -> refusal(error, event.attempts()));
        countAttempts(event.attempts(), route);
        Costs c = r.costs();
        cost("metered", c.meteredNanos(), route, provider);
        cost("standard", c.standardNanos(), route, provider);
        cost("charged", c.chargedNanos(), route, provider);
    }

    private void countAttempts(List<AttemptRecord> list, String route) {
        for (int i = 0; i < list.size(); i++) {
            AttemptRecord attempt = list.get(i);
            String outcome = attempt.error().map(AttemptRecord::reason).orElse("success");
            attempts.get(new AttemptKey(labels.provider(attempt.step().provider()),
                    labels.deployment(attempt.step().id()), outcome)).increment();
            if (i > 0) {
                String reason = list.get(i - 1).error().map(AttemptRecord::reason).orElse("success");
                fallbacks.get(new FallbackKey(route, reason)).increment();
            }
        }
    }

    private void refusal(GatewayError error, List<AttemptRecord> tried) {
        String reason = switch (error) {
            case GatewayError.RateLimited r -> "rate_limited";
            case GatewayError.BudgetExceeded b -> "budget_exceeded";
            default -> null;
        };
        if (reason != null) {
            refusals.get(new RefusalKey(reason, tried.isEmpty() ? "gateway" : "upstream")).increment();
        }
    }

    private void cost(String layer, long nanos, String route, String provider) {
        if (nanos > 0) {
            costs.get(new CostKey(layer, route, provider)).increment((double) nanos / Costs.NANOS_PER_USD);
        }
    }
}
