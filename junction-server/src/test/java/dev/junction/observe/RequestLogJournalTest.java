package dev.junction.observe;

import static dev.junction.observe.Requests.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal in front of the database: a record is in a journal file when the future a response waits for
 * completes; a journal that cannot be written does not hold responses; what a run left is delivered by the next.
 */
class RequestLogJournalTest {

    @TempDir
    Path dir;

    private final FakeSink sink = new FakeSink();
    private final Vertx vertx = Vertx.vertx();
    private final List<RequestLogWriter> writers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        sink.unhold();
        writers.forEach(w -> w.close(Duration.ofSeconds(5)));
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private RequestLogWriter start(Path journal, JournalSync sync) {
        RequestLogWriter writer = RequestLogWriter.start(sink, new WriterSettings(10_000, 100, Duration.ofMillis(20),
                journal, 1L << 30, sync, Duration.ofSeconds(5)));
        writers.add(writer);
        return writer;
    }

    /** Offers on an event-loop context; returns what the journal file held when the future completed. */
    private String journalWhenDone(RequestLogWriter writer, LoggedRequest record, Path journal) throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<String> seen = new CompletableFuture<>();
        context.runOnContext(v -> writer.journal(record, context).onComplete(done -> {
            // Read on a worker: the test's own check, not the gateway's path.
            vertx.executeBlocking(() -> contents(journal)).onComplete(ar -> seen.complete(ar.result()));
        }));
        return seen.get(10, TimeUnit.SECONDS);
    }

    private static String contents(Path journal) throws Exception {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(journal)) {
            for (Path f : files.sorted().toList()) {
                out.append(Files.readString(f));
            }
        }
        return out.toString();
    }

    @Test
    void theRecordIsInTheJournalFileWhenTheResponseMayEnd() throws Exception {
        RequestLogWriter writer = start(dir, JournalSync.DEFAULT);
        FakeSink.Hold hold = sink.hold(); // the database is slow: the response must not wait for it

        String journal = journalWhenDone(writer, Requests.plain("journaled-1"), dir);

        assertThat(journal).contains("journaled-1");
        hold.release();
    }

    @Test
    void everyFsyncPolicyWritesTheRecordBeforeTheResponseEnds() throws Exception {
        // The sink is held so that delivery cannot store the record and delete its segment before the test reads it.
        FakeSink.Hold hold = sink.hold();
        for (JournalSync.Policy policy : JournalSync.Policy.values()) {
            Path journal = dir.resolve(policy.name());
            RequestLogWriter writer = start(journal, new JournalSync(policy, Duration.ofMillis(50)));

            assertThat(journalWhenDone(writer, Requests.plain("p-" + policy), journal)).contains("p-" + policy);
        }
        hold.release();
    }

    @Test
    void aJournalThatCannotBeWrittenDoesNotHoldTheResponse() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        RequestLogWriter writer = start(notADirectory, JournalSync.DEFAULT);
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Void> done = new CompletableFuture<>();

        context.runOnContext(v -> writer.journal(Requests.plain("lost"), context)
                .onComplete(ar -> done.complete(null)));

        done.get(4, TimeUnit.SECONDS); // well before the 5 s bound: the failed write ends the wait
        awaitUntil(() -> writer.stats().dropped() == 1, "the record is counted as dropped");
        assertThat(writer.stats().lateWaits()).isZero();
    }

    @Test
    void aRestartedWriterDeliversWhatThePreviousRunLeftInItsJournal() throws Exception {
        Path journal = dir.resolve("j");
        RequestLogWriter first = start(journal, JournalSync.DEFAULT);
        FakeSink.Hold hung = sink.hold(); // the first run never gets its records stored
        Requests.offer(first, "left", 30);
        awaitUntil(() -> first.stats().spooledRecords() == 30, "the journal holds the records");
        first.close(Duration.ofMillis(50));
        hung.release();
        sink.unhold();
        long storedByFirst = sink.count();

        start(journal, JournalSync.DEFAULT);

        awaitUntil(() -> sink.distinctIds().containsAll(Requests.ids("left", 30)), "the next run delivers them");
        assertThat(storedByFirst).isLessThanOrEqualTo(30);
    }

    @Test
    void theFutureNeverFails() throws Exception {
        RequestLogWriter writer = start(dir, JournalSync.DEFAULT);
        writer.close(Duration.ofSeconds(1));
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Boolean> succeeded = new CompletableFuture<>();

        context.runOnContext(v -> {
            Future<Void> f = writer.journal(Requests.plain("after-close"), context);
            f.onComplete(ar -> succeeded.complete(ar.succeeded()));
        });

        assertThat(succeeded.get(4, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.stats().dropped()).isEqualTo(1);
    }
}
