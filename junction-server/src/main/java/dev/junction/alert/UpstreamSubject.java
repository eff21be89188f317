package dev.junction.alert;

import dev.junction.config.AlertSettings;
import dev.junction.routing.AttemptRecord;
import java.time.Duration;

/** What an upstream rule groups attempts by, and how durations read in messages. */
final class UpstreamSubject {

    private UpstreamSubject() {}

    /** The attempt's deployment id or provider name, as the rule groups. */
    static String of(AlertSettings.Rule settings, AttemptRecord attempt) {
        return settings.byDeployment() ? attempt.step().id() : attempt.step().provider();
    }

    /** {@code 5m}, {@code 90s}, {@code 2h}. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s == 0) {
            return d.toMillis() + "ms";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
