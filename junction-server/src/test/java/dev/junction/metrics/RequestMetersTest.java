package dev.junction.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.entity.Attribution;
import dev.junction.events.RequestFinished;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import dev.junction.provider.ParamRules;
import dev.junction.routing.AttemptRecord;
import dev.junction.routing.Deployment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The request counters from synthetic events: refusals by reason and source, costs per layer in dollars, and labels
 * that stay bounded whatever model names clients send.
 */
class RequestMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestMeters meters = new RequestMeters(registry, new RequestLabels(), false);

    private static RequestFinished finished(String model, String provider, int status, Costs costs,
                                            List<AttemptRecord> attempts, Optional<GatewayError> failure) {
        String deployment = attempts.isEmpty() ? "" : attempts.getLast().step().id();
        LoggedRequest logged = new LoggedRequest("req_1", Instant.now(), Attribution.named("k"),
                "/v1/chat/completions", model, provider, deployment, "", false, false, status, 5, -1, Usage.ZERO,
                costs, "", failure.map(AttemptRecord::reason), Optional.empty(), Optional.empty(), Optional.empty());
        return new RequestFinished(Instant.now(), logged, "chat", "openai", attempts, failure, true, false, 5_000_000,
                -1, List::of);
    }

    private double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void refusalsAreCountedByReasonAndWhetherTheGatewayOrTheUpstreamRefused() {
        GatewayError limited = new GatewayError.RateLimited("limit", Optional.of(Duration.ofSeconds(1)));
        Deployment d = Deployment.of("openai", "gpt-4o", ParamRules.NONE);
        meters.accept(finished("general", "", 429, Costs.ZERO, List.of(), Optional.of(limited)));
        meters.accept(finished("general", "", 429, Costs.ZERO, List.of(),
                Optional.of(new GatewayError.BudgetExceeded("spent"))));
        meters.accept(finished("general", "openai", 429, Costs.ZERO,
                List.of(new AttemptRecord(d, Optional.of(limited), 3, java.time.Instant.EPOCH)), Optional.of(limited)));

        assertThat(count("junction.refusals", "reason", "rate_limited", "source", "gateway")).isEqualTo(1);
        assertThat(count("junction.refusals", "reason", "rate_limited", "source", "upstream")).isEqualTo(1);
        assertThat(count("junction.refusals", "reason", "budget_exceeded", "source", "gateway")).isEqualTo(1);
        assertThat(count("junction.errors", "error_type", "rate_limited")).isEqualTo(2);
        assertThat(count("junction.attempts", "deployment", "openai/gpt-4o", "outcome", "rate_limited"))
                .isEqualTo(1);
    }

    @Test
    void costsAreDollarsPerLayer() {
        Deployment d = Deployment.of("openai", "gpt-4o", ParamRules.NONE);
        meters.accept(finished("general", "openai", 200, new Costs(1_500_000_000L, 2_000_000_000L, 2_500_000_000L),
                List.of(new AttemptRecord(d, Optional.empty(), 3, java.time.Instant.EPOCH)), Optional.empty()));

        assertThat(count("junction.cost", "layer", "metered", "route", "general", "provider", "openai"))
                .isEqualTo(1.5);
        assertThat(count("junction.cost", "layer", "standard")).isEqualTo(2.0);
        assertThat(count("junction.cost", "layer", "charged")).isEqualTo(2.5);
    }

    @Test
    void routeLabelsAreCappedWhateverModelsClientsSend() {
        Deployment d = Deployment.of("mock", "echo", ParamRules.NONE);
        for (int i = 0; i < 500; i++) {
            meters.accept(finished("wild/model-" + i, "mock", 200, Costs.ZERO,
                    List.of(new AttemptRecord(d, Optional.empty(), 1, java.time.Instant.EPOCH)), Optional.empty()));
        }
        meters.accept(finished("not-a-route", "", 404, Costs.ZERO, List.of(),
                Optional.of(new GatewayError.ModelNotFound("not-a-route", List.of()))));

        long routes = registry.find("junction.requests").counters().stream().map(c -> c.getId().getTag("route"))
                .distinct().count();
        assertThat(routes).isLessThanOrEqualTo(202);
        assertThat(count("junction.requests", "route", BoundedLabel.OTHER)).isEqualTo(300);
        assertThat(count("junction.requests", "route", "unknown", "status_class", "4xx")).isEqualTo(1);
        assertThat(count("junction.requests")).isEqualTo(501);
    }
}
