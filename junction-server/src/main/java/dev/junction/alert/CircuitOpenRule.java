package dev.junction.alert;

import dev.junction.config.AlertSettings;
import dev.junction.events.GatewayEvent;
import dev.junction.events.HealthChanged;
import dev.junction.routing.health.HealthEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code circuit_open}: a deployment whose circuit opened on this replica and has stayed open for {@code after}
 * (zero: as soon as it opens) — it is wrong until the circuit closes again.
 */
final class CircuitOpenRule implements Rule {

    private final AlertSettings.Rule settings;
    private final Map<String, Instant> openSince = new HashMap<>();

    CircuitOpenRule(AlertSettings.Rule settings) {
        this.settings = settings;
    }

    @Override
    public AlertSettings.Rule settings() {
        return settings;
    }

    @Override
    public void observe(GatewayEvent event) {
        if (event instanceof HealthChanged changed) {
            HealthEvent h = changed.health();
            if (h.state().equals(HealthEvent.OPEN)) {
                openSince.putIfAbsent(h.deployment(), changed.at());
            } else if (h.state().equals(HealthEvent.CLOSED)) {
                openSince.remove(h.deployment());
            }
        }
    }

    @Override
    public List<Finding> evaluate(Instant now, Probes probes) {
        List<Finding> out = new ArrayList<>();
        openSince.forEach((deployment, since) -> {
            Duration open = Duration.between(since, now);
            if (open.compareTo(settings.after()) >= 0) {
                out.add(new Finding(deployment, "The circuit of " + deployment + " is open since " + since
                        + ": requests skip it.", Map.of("open since", since.toString(),
                        "open for", UpstreamSubject.human(Duration.ofSeconds(Math.max(0, open.toSeconds()))))));
            }
        });
        return out;
    }
}
