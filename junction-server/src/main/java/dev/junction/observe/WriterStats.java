package dev.junction.observe;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of the request-log writer, for the readiness endpoint and logs. The counters are read one after the
 * other without a lock, so they are individually exact but not a single consistent cut.
 *
 * @param queued records waiting in memory for the journal thread
 * @param written records the sink has stored since the writer started (spool replays included)
 * @param spooledRecords records in the journal not yet stored by the sink (left-overs of a previous run included)
 * @param spoolBytes the journal's size on disk
 * @param dropped records lost since the writer started: the spool was full or failed, or they came after close
 * @param databaseUp whether the last sink call succeeded (true until one fails)
 * @param downSince when the sink started failing, while it is down
 * @param lateWaits responses that ended before their record reached the journal (it did not answer in time)
 */
public record WriterStats(long queued, long written, long spooledRecords, long spoolBytes, long dropped,
                          boolean databaseUp, Optional<Instant> downSince, long lateWaits) {

    /** A snapshot without late waits. */
    public WriterStats(long queued, long written, long spooledRecords, long spoolBytes, long dropped,
                       boolean databaseUp, Optional<Instant> downSince) {
        this(queued, written, spooledRecords, spoolBytes, dropped, databaseUp, downSince, 0);
    }
}
