package dev.junction.alert;

import dev.junction.config.AlertSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dependency_down}: this replica has lost the database (the request log's writes fail) or Redis (its replica
 * channel is down) for {@code after} or longer.
 */
final class DependencyRule implements Rule {

    private final AlertSettings.Rule settings;
    private final Map<String, Instant> downSince = new HashMap<>();

    DependencyRule(AlertSettings.Rule settings) {
        this.settings = settings;
    }

    @Override
    public AlertSettings.Rule settings() {
        return settings;
    }

    @Override
    public List<Finding> evaluate(Instant now, Probes probes) {
        List<Finding> out = new ArrayList<>();
        probes.dependencies().forEach((name, up) -> {
            if (up) {
                downSince.remove(name);
                return;
            }
            Instant since = downSince.computeIfAbsent(name, n -> now);
            if (Duration.between(since, now).compareTo(settings.after()) >= 0) {
                out.add(new Finding(name, "This replica cannot reach " + name + " since " + since + ".",
                        Map.of("down since", since.toString())));
            }
        });
        return out;
    }
}
