package dev.junction.observe;

import static dev.junction.observe.Requests.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer while the database is up: batching, flushing, closing and counting. */
class RequestLogWriterTest {

    @TempDir
    Path spool;

    private final FakeSink sink = new FakeSink();
    private RequestLogWriter writer;

    @AfterEach
    void stop() {
        sink.unhold();
        if (writer != null) {
            writer.close(Duration.ofSeconds(5));
        }
    }

    private RequestLogWriter start(int batchSize, Duration flushInterval) {
        writer = RequestLogWriter.start(sink, new WriterSettings(10_000, batchSize, flushInterval, spool, 1L << 30));
        return writer;
    }

    @Test
    void queuedRecordsReachTheSinkInFullBatches() throws Exception {
        start(100, Duration.ofMillis(20));
        FakeSink.Hold hold = sink.hold();
        writer.offer(Requests.plain("first"));
        hold.awaitEntered(); // the writer is busy with the first record, so the next thousand queue up
        Requests.offer(writer, "r", 1000);
        sink.unhold();
        hold.release();

        awaitUntil(() -> sink.count() == 1001, "all records are stored");
        // Batches of at most 100; a batch ends early only where a journal segment ends.
        assertThat(sink.batches()).extracting(List::size).allMatch(size -> size <= 100);
        assertThat(sink.batches()).hasSizeLessThanOrEqualTo(14);
    }

    @Test
    void fewerRecordsThanABatchAreFlushedByTheInterval() {
        start(500, Duration.ofMillis(50));

        Requests.offer(writer, "r", 3);

        awaitUntil(() -> sink.count() == 3, "the three records are flushed");
        assertThat(sink.distinctIds()).isEqualTo(Requests.ids("r", 3));
    }

    @Test
    void noRecordIsStoredTwiceWhileTheDatabaseStaysUp() {
        start(100, Duration.ofMillis(20));

        Requests.offer(writer, "r", 5000);

        awaitUntil(() -> sink.count() >= 5000, "all records are stored");
        assertThat(sink.ids()).hasSize(5000).doesNotHaveDuplicates();
        assertThat(sink.distinctIds()).isEqualTo(Requests.ids("r", 5000));
    }

    @Test
    void closeStoresEveryQueuedRecord() {
        start(1000, Duration.ofSeconds(30)); // no flush would come by itself during the test

        Requests.offer(writer, "r", 50);
        writer.close(Duration.ofSeconds(5));

        assertThat(sink.distinctIds()).isEqualTo(Requests.ids("r", 50));
        assertThat(writer.stats().spooledRecords()).isZero();
        assertThat(writer.stats().queued()).isZero();
    }

    @Test
    void offerAfterCloseNeverThrowsAndCountsTheRecordDropped() {
        start(100, Duration.ofMillis(20));
        writer.close(Duration.ofSeconds(5));

        assertThatCode(() -> writer.offer(Requests.plain("late"))).doesNotThrowAnyException();
        assertThat(writer.stats().dropped()).isEqualTo(1);
        assertThat(sink.count()).isZero();
    }

    @Test
    void aNullRecordIsIgnored() {
        start(100, Duration.ofMillis(20));

        assertThatCode(() -> writer.offer(null)).doesNotThrowAnyException();
        assertThat(writer.stats().queued()).isZero();
    }

    @Test
    void statsCountTheStoredRecordsAndShowTheDatabaseUp() {
        start(100, Duration.ofMillis(20));

        Requests.offer(writer, "r", 250);

        awaitUntil(() -> writer.stats().written() == 250, "the writer counts 250 stored records");
        WriterStats stats = writer.stats();
        assertThat(stats.databaseUp()).isTrue();
        assertThat(stats.downSince()).isEmpty();
        assertThat(stats.dropped()).isZero();
        assertThat(stats.spoolBytes()).isZero();
    }

    @Test
    void recordsReachTheJournalWhileTheSinkIsBusyAndStatsCountThem() throws Exception {
        start(100, Duration.ofMillis(20));
        FakeSink.Hold hold = sink.hold();
        writer.offer(Requests.plain("first"));
        hold.awaitEntered();

        Requests.offer(writer, "r", 40);

        // "first" is with the sink but still in the journal until the sink returns.
        awaitUntil(() -> writer.stats().spooledRecords() == 41, "the journal holds the 40 records and the first");
        assertThat(writer.stats().queued()).isZero();
        hold.release();
    }

    @Test
    void theSinkIsCalledOnADaemonPlatformThreadNamedForTheWriter() {
        start(100, Duration.ofMillis(20));

        writer.offer(Requests.plain("r"));

        awaitUntil(() -> sink.count() == 1, "the record is stored");
        Thread t = sink.caller();
        assertThat(t.getName()).isEqualTo("junction-log-writer");
        assertThat(t.isDaemon()).isTrue();
        assertThat(t.isVirtual()).isFalse();
    }
}
