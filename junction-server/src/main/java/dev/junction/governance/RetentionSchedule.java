package dev.junction.governance;

import dev.junction.analytics.Granularity;
import dev.junction.config.AnalyticsSettings;
import dev.junction.store.Database;
import dev.junction.store.RetentionJob;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link RetentionJob} every {@code analytics.retention_interval}, first one interval after start: a timer
 * thread of its own ({@code junction-retention}) hands each run to the database executor and waits for it, so the
 * runs never overlap and never touch an event loop. A failed run is logged and the next one tries again.
 */
final class RetentionSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

    private final ScheduledExecutorService timer;

    private RetentionSchedule(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** The policy the settings describe. */
    static RetentionJob.Policy policy(AnalyticsSettings settings) {
        return new RetentionJob.Policy(settings.requestLogRetention(), Map.of(
                Granularity.MINUTE, settings.minuteRollupRetention(),
                Granularity.HOUR, settings.hourRollupRetention(),
                Granularity.DAY, settings.dayRollupRetention()), settings.deleteBatchSize());
    }

    /** Starts the schedule. */
    static RetentionSchedule start(Database database, AnalyticsSettings settings, Clock clock) {
        RetentionJob job = new RetentionJob(database, policy(settings), clock);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "junction-retention");
            t.setDaemon(true);
            return t;
        });
        long every = settings.retentionInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> runOnce(database, job), every, every, TimeUnit.MILLISECONDS);
        return new RetentionSchedule(timer);
    }

    private static void runOnce(Database database, RetentionJob job) {
        try {
            RetentionJob.Result result = database.call(job::run).join();
            if (!result.ran()) {
                LOG.debug("Retention skipped: another replica is running it");
            } else if (result.requestLogs() > 0 || result.rollups().values().stream().anyMatch(n -> n > 0)) {
                LOG.atInfo().addKeyValue("request_logs", result.requestLogs())
                        .addKeyValue("rollups", result.rollups().toString())
                        .log("Retention deleted expired request-log entries and rollups");
            }
        } catch (RuntimeException e) {
            LOG.warn("The retention run failed; the next one tries again: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
