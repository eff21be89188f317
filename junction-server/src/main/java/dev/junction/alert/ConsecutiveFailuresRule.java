package dev.junction.alert;

import dev.junction.config.AlertSettings;
import dev.junction.events.GatewayEvent;
import dev.junction.events.RequestFinished;
import dev.junction.routing.AttemptRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code upstream_consecutive_failures}: a provider or deployment whose last {@code threshold} attempts or more all
 * failed. A success ends the streak; client errors and 429s neither extend nor end it.
 */
final class ConsecutiveFailuresRule implements Rule {

    private final AlertSettings.Rule settings;
    private final Map<String, Integer> streaks = new HashMap<>();

    ConsecutiveFailuresRule(AlertSettings.Rule settings) {
        this.settings = settings;
    }

    @Override
    public AlertSettings.Rule settings() {
        return settings;
    }

    @Override
    public void observe(GatewayEvent event) {
        if (event instanceof RequestFinished finished) {
            for (AttemptRecord attempt : finished.attempts()) {
                String subject = UpstreamSubject.of(settings, attempt);
                AttemptKind kind = AttemptKind.of(attempt.error());
                if (kind.failed()) {
                    streaks.merge(subject, 1, Integer::sum);
                } else if (kind == AttemptKind.OK) {
                    streaks.remove(subject);
                }
            }
        }
    }

    @Override
    public List<Finding> evaluate(Instant now, Probes probes) {
        List<Finding> out = new ArrayList<>();
        streaks.forEach((subject, streak) -> {
            if (streak >= settings.threshold()) {
                out.add(new Finding(subject, "The last " + streak + " attempts on " + subject + " all failed.",
                        Map.of("consecutive failures", Integer.toString(streak))));
            }
        });
        return out;
    }
}
