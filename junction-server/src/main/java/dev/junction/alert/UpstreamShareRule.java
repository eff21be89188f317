package dev.junction.alert;

import dev.junction.config.AlertSettings;
import dev.junction.events.GatewayEvent;
import dev.junction.events.RequestFinished;
import dev.junction.routing.AttemptRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The share of upstream attempts of one kind over a window, per provider or deployment: failures
 * ({@code upstream_failure_rate}), refused keys or accounts ({@code upstream_key_invalid}) or 429s
 * ({@code rate_limited}). A subject is wrong when its window holds at least {@code min_requests} attempts, at least
 * one of them of the kind, and their share reaches {@code threshold}.
 */
final class UpstreamShareRule implements Rule {

    private final AlertSettings.Rule settings;
    private final Predicate<AttemptKind> counted;
    private final String what;
    private final Map<String, WindowCount> bySubject = new HashMap<>();

    private UpstreamShareRule(AlertSettings.Rule settings, Predicate<AttemptKind> counted, String what) {
        this.settings = settings;
        this.counted = counted;
        this.what = what;
    }

    static UpstreamShareRule failures(AlertSettings.Rule settings) {
        return new UpstreamShareRule(settings, AttemptKind::failed, "failed");
    }

    static UpstreamShareRule keyRefused(AlertSettings.Rule settings) {
        return new UpstreamShareRule(settings, k -> k == AttemptKind.KEY_REFUSED,
                "refused the gateway's key or account (401/403, 402 or no quota left)");
    }

    static UpstreamShareRule rateLimited(AlertSettings.Rule settings) {
        return new UpstreamShareRule(settings, k -> k == AttemptKind.RATE_LIMITED, "were rate limited (429)");
    }

    @Override
    public AlertSettings.Rule settings() {
        return settings;
    }

    @Override
    public void observe(GatewayEvent event) {
        if (event instanceof RequestFinished finished) {
            for (AttemptRecord attempt : finished.attempts()) {
                bySubject.computeIfAbsent(UpstreamSubject.of(settings, attempt), s -> new WindowCount(settings.window()))
                        .add(finished.at(), counted.test(AttemptKind.of(attempt.error())));
            }
        }
    }

    @Override
    public List<Finding> evaluate(Instant now, Probes probes) {
        List<Finding> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, WindowCount>> it = bySubject.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            WindowCount count = entry.getValue();
            count.expire(now);
            if (count.isEmpty()) {
                it.remove();
                continue;
            }
            long total = count.total();
            long matching = count.matching();
            double share = (double) matching / total;
            if (total >= settings.minRequests() && matching > 0 && share >= settings.threshold()) {
                Map<String, String> facts = new LinkedHashMap<>();
                facts.put("attempts", Long.toString(total));
                facts.put("matching", Long.toString(matching));
                facts.put("share", Math.round(share * 100) + "%");
                facts.put("window", settings.window().toString());
                out.add(new Finding(entry.getKey(), matching + " of " + total + " attempts on " + entry.getKey()
                        + " " + what + " in the last " + UpstreamSubject.human(settings.window()) + ".", facts));
            }
        }
        return out;
    }
}
