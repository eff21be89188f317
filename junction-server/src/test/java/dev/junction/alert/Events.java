package dev.junction.alert;

import dev.junction.entity.Attribution;
import dev.junction.events.RequestFinished;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import dev.junction.provider.ParamRules;
import dev.junction.routing.AttemptRecord;
import dev.junction.routing.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Finished requests of one attempt each, for the rules' tests. */
final class Events {

    private Events() {}

    static RequestFinished attempt(Instant at, String provider, String model, Optional<GatewayError> error) {
        LoggedRequest logged = new LoggedRequest("req", at, Attribution.named("ci"), "/v1/chat/completions", model,
                provider, provider + "/" + model, model, false, false, error.map(GatewayError::status).orElse(200),
                10, 5, new Usage(1, 1, 0, 0, 0), new Costs(0, 0, 0), "", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        Deployment step = Deployment.of(provider, model, ParamRules.NONE);
        return new RequestFinished(at, logged, "chat", "openai", List.of(new AttemptRecord(step, error, 5, at)), error,
                true, false, 1_000_000, 500_000, List::of);
    }

    static RequestFinished ok(Instant at, String provider) {
        return attempt(at, provider, "m", Optional.empty());
    }

    static RequestFinished failed(Instant at, String provider) {
        return attempt(at, provider, "m", Optional.of(new GatewayError.Unavailable("down", Optional.empty())));
    }
}
