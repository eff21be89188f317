package dev.junction.alert;

import dev.junction.config.AlertSettings;
import dev.junction.observe.WriterStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code request_log}: the request log's spool holds {@code threshold} records or more (the database is not taking
 * them), subject {@code spool}; or the writer dropped records within the last {@code window}, subject
 * {@code dropped}.
 */
final class RequestLogRule implements Rule {

    private final AlertSettings.Rule settings;
    private long lastDropped = -1;
    private Instant droppedAt;

    RequestLogRule(AlertSettings.Rule settings) {
        this.settings = settings;
    }

    @Override
    public AlertSettings.Rule settings() {
        return settings;
    }

    @Override
    public List<Finding> evaluate(Instant now, Probes probes) {
        WriterStats stats = probes.requestLog();
        List<Finding> out = new ArrayList<>();
        if (stats.spooledRecords() >= settings.threshold()) {
            out.add(new Finding("spool", "The request log's spool holds " + stats.spooledRecords()
                    + " records the database has not taken" + (stats.databaseUp() ? "." : " (the database is down)."),
                    Map.of("spooled records", Long.toString(stats.spooledRecords()),
                            "spool bytes", Long.toString(stats.spoolBytes()))));
        }
        if (lastDropped >= 0 && stats.dropped() > lastDropped) {
            droppedAt = now;
        }
        lastDropped = stats.dropped();
        if (droppedAt != null && !now.isAfter(droppedAt.plus(settings.window()))) {
            out.add(new Finding("dropped", "The request log dropped records (" + stats.dropped()
                    + " since start): the spool is full or failing.", Map.of("dropped", Long.toString(stats.dropped()))));
        }
        return out;
    }
}
