package dev.junction.observe;

import static dev.junction.observe.Requests.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer while the database is away or slow: spooling, replaying, restarting. */
class RequestLogWriterOutageTest {

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

    private RequestLogWriter start(int queueCapacity, int batchSize) {
        writer = RequestLogWriter.start(sink, new WriterSettings(queueCapacity, batchSize, Duration.ofMillis(20),
                spool, 1L << 30), Duration.ofMillis(20), Duration.ofMillis(100));
        return writer;
    }

    /** Reads the spool directory through a spool of its own, consuming it. */
    /** The ids in the journal's segment files, read without touching them. */
    private List<String> spooledIds() {
        List<String> ids = new ArrayList<>();
        LoggedRequestCodec codec = new LoggedRequestCodec();
        try (var files = Files.list(spool)) {
            for (var file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        ids.add(codec.decode(line).requestId());
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ids;
    }

    @Test
    void recordsGoToTheSpoolWhileTheDatabaseIsDown() {
        sink.down();
        start(10_000, 100);

        Requests.offer(writer, "r", 300);

        awaitUntil(() -> writer.stats().spooledRecords() == 300, "all records are spooled");
        assertThat(sink.count()).isZero();
        assertThat(writer.stats().spoolBytes()).isPositive();
    }

    @Test
    void statsShowTheDatabaseDownAndSinceWhen() {
        sink.down();
        start(10_000, 100);

        writer.offer(Requests.plain("r"));

        awaitUntil(() -> !writer.stats().databaseUp(), "the writer notices the outage");
        assertThat(writer.stats().downSince()).isPresent();
    }

    @Test
    void statsShowTheDatabaseUpAgainOnceTheSpoolReplays() {
        sink.down();
        start(10_000, 100);
        writer.offer(Requests.plain("r"));
        awaitUntil(() -> !writer.stats().databaseUp(), "the writer notices the outage");

        sink.up();

        awaitUntil(() -> writer.stats().databaseUp(), "the writer notices the recovery");
        assertThat(writer.stats().downSince()).isEmpty();
    }

    @Test
    void anOutageIsWarnedAboutOnceNotOncePerBatch() {
        try (CapturedLogs logs = new CapturedLogs(DatabaseHealth.class)) {
            sink.down();
            start(10_000, 10);
            for (int round = 0; sink.failedCalls() < 5; round++) {
                Requests.offer(writer, "round" + round, 10);
                int before = sink.failedCalls();
                awaitUntil(() -> sink.failedCalls() > before, "the writer retries");
            }

            assertThat(logs.at(Level.WARN)).hasSize(1);
        }
    }

    @Test
    void theRecoveryIsAnnouncedOnce() {
        try (CapturedLogs logs = new CapturedLogs(DatabaseHealth.class)) {
            sink.down();
            start(10_000, 10);
            Requests.offer(writer, "r", 100);
            awaitUntil(() -> sink.failedCalls() >= 2, "the writer retried");

            sink.up();

            awaitUntil(() -> sink.count() == 100, "the spool is replayed");
            assertThat(logs.at(Level.INFO)).hasSize(1).first().asString().contains("back");
        }
    }

    @Test
    void noRecordIsLostAcrossAnOutage() {
        start(20_000, 100);
        Requests.offer(writer, "before", 3000);
        awaitUntil(() -> sink.count() > 0, "the database takes records");
        sink.down();
        Requests.offer(writer, "during", 4000);
        awaitUntil(() -> writer.stats().spooledRecords() > 0 && sink.failedCalls() > 0, "records are spooled");
        sink.up();
        Requests.offer(writer, "after", 3000);

        Set<String> expected = new HashSet<>(Requests.ids("before", 3000));
        expected.addAll(Requests.ids("during", 4000));
        expected.addAll(Requests.ids("after", 3000));
        awaitUntil(() -> sink.distinctIds().size() == 10_000 && writer.stats().spooledRecords() == 0,
                "every record is stored and the spool is empty");
        assertThat(sink.distinctIds()).isEqualTo(expected);
        assertThat(sink.ids()).hasSize(10_000);
        assertThat(writer.stats().dropped()).isZero();
    }

    @Test
    void closingWhileTheDatabaseIsDownLeavesEveryRecordInTheSpool() {
        sink.down();
        start(10_000, 1000);
        writer.offer(Requests.plain("probe"));
        awaitUntil(() -> !writer.stats().databaseUp(), "the writer notices the outage");
        Requests.offer(writer, "r", 500);

        writer.close(Duration.ofSeconds(5));

        assertThat(writer.stats().spooledRecords()).isEqualTo(501);
        assertThat(sink.count()).isZero();
        Set<String> expected = Requests.ids("r", 500);
        expected.add("probe");
        assertThat(spooledIds()).hasSize(501).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aNewWriterReplaysTheSpoolOfThePreviousOne() {
        sink.down();
        start(10_000, 100);
        Requests.offer(writer, "r", 300);
        awaitUntil(() -> writer.stats().spooledRecords() == 300, "all records are spooled");
        writer.close(Duration.ofSeconds(5));

        sink.up();
        start(10_000, 100);

        awaitUntil(() -> sink.distinctIds().equals(Requests.ids("r", 300)), "the old spool is replayed");
        awaitUntil(() -> writer.stats().spoolBytes() == 0, "the replayed segments are deleted");
    }

    @Test
    void aCorruptLineInTheSpoolIsSkippedAndTheRestReplayed() throws Exception {
        LoggedRequestCodec codec = new LoggedRequestCodec();
        Files.createDirectories(spool);
        Files.writeString(spool.resolve("requests-000000000001.jsonl"), String.join("\n",
                codec.encode(Requests.plain("a")), "{\"requestId\": \"torn", "not json at all",
                codec.encode(Requests.plain("b"))) + "\n");

        start(10_000, 100);

        awaitUntil(() -> sink.distinctIds().equals(Set.of("a", "b")), "the readable records are replayed");
        awaitUntil(() -> writer.stats().spooledRecords() == 0, "the segment is done");
    }

    @Test
    void aHungSinkDoesNotStopRecordsFromReachingTheJournal() throws Exception {
        start(10_000, 10);
        FakeSink.Hold hold = sink.hold();
        writer.offer(Requests.plain("first"));
        hold.awaitEntered();

        Requests.offer(writer, "r", 200 + 20 + 5);

        awaitUntil(() -> spooledIds().containsAll(Requests.ids("r", 225)), "every record is in the journal");
        assertThat(writer.stats().dropped()).isZero();
        hold.release();
        awaitUntil(() -> sink.distinctIds().size() == 226, "the journal is delivered once the sink is back");
    }

    @Test
    void recordsNotDeliveredWhenTheCloseTimeoutRunsOutStayInTheJournal() throws Exception {
        start(10_000, 100);
        FakeSink.Hold hung = sink.hold();
        writer.offer(Requests.plain("in-flight"));
        hung.awaitEntered(); // the database call hangs
        Requests.offer(writer, "r", 50);

        writer.close(Duration.ofMillis(100));

        assertThat(writer.stats().queued()).isZero();
        assertThat(spooledIds()).containsAll(Requests.ids("r", 50));
        hung.release();
        awaitUntil(() -> sink.distinctIds().equals(Set.of("in-flight")), "the hung call completes");
    }
}
