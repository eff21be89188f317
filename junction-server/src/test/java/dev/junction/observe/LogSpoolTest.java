package dev.junction.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSpoolTest {

    @TempDir
    Path dir;

    private final DropCounter drops = new DropCounter();

    private LogSpool spool(long maxBytes) {
        return new LogSpool(dir, maxBytes, new LoggedRequestCodec(), drops);
    }

    private static List<LoggedRequest> records(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> Requests.plain(prefix + "-" + i)).toList();
    }

    private static List<String> ids(SpoolChunk chunk) {
        return chunk.records().stream().map(LoggedRequest::requestId).toList();
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void recordsAreReadBackInTheOrderTheyWereAppended() {
        try (LogSpool spool = spool(1L << 30)) {
            spool.append(records("r", 5));

            SpoolChunk chunk = spool.read(10).orElseThrow();

            assertThat(ids(chunk)).containsExactly("r-0", "r-1", "r-2", "r-3", "r-4");
            assertThat(chunk.endsSegment()).isTrue();
        }
    }

    @Test
    void aSegmentIsDeletedOnlyWhenItsLastChunkIsAcknowledged() throws IOException {
        try (LogSpool spool = spool(1L << 30)) {
            spool.append(records("r", 10));
            SpoolChunk first = spool.read(6).orElseThrow();
            spool.acknowledge(first);
            assertThat(segments()).hasSize(1);

            SpoolChunk last = spool.read(6).orElseThrow();
            assertThat(segments()).hasSize(1);
            spool.acknowledge(last);

            assertThat(ids(last)).hasSize(4);
            assertThat(segments()).isEmpty();
            assertThat(spool.isEmpty()).isTrue();
        }
    }

    @Test
    void aChunkNotAcknowledgedBeforeARestartIsReadAgain() {
        try (LogSpool spool = spool(1L << 30)) {
            spool.append(records("r", 3));
            spool.read(10).orElseThrow(); // then the process dies before the sink stores it
        }

        try (LogSpool restarted = spool(1L << 30)) {
            restarted.countLeftovers();

            assertThat(restarted.records()).isEqualTo(3);
            assertThat(ids(restarted.read(10).orElseThrow())).containsExactly("r-0", "r-1", "r-2");
        }
    }

    @Test
    void appendsAfterAReadGoToANewSegment() throws IOException {
        try (LogSpool spool = spool(1L << 30)) {
            spool.append(records("old", 2));
            SpoolChunk chunk = spool.read(10).orElseThrow();

            spool.append(records("new", 2));
            spool.acknowledge(chunk);

            assertThat(segments()).hasSize(1);
            assertThat(ids(spool.read(10).orElseThrow())).containsExactly("new-0", "new-1");
        }
    }

    @Test
    void aFullSegmentRollsOverToTheNext() throws IOException {
        LoggedRequest big = new LoggedRequest("big", Requests.plain("x").startedAt(), Requests.plain("x").caller(),
                "/v1/chat/completions", "m", "p", "d", "u", false, false, 200, 1, 1, Requests.plain("x").usage(),
                Requests.plain("x").costs(), "", Optional.empty(), Optional.empty(), Optional.of("x".repeat(1 << 20)),
                Optional.empty());
        try (LogSpool spool = spool(1L << 30)) {
            spool.append(java.util.Collections.nCopies(17, big));

            assertThat(segments()).hasSize(2);
            assertThat(spool.records()).isEqualTo(17);
        }
    }

    @Test
    void recordsBeyondTheCapAreDroppedAndCounted() {
        try (LogSpool spool = spool(1000)) {
            spool.append(records("r", 10));

            assertThat(spool.bytes()).isLessThanOrEqualTo(1000);
            assertThat(drops.total()).isEqualTo(10 - spool.records()).isPositive();
        }
    }

    @Test
    void unreadableLinesAreSkipped() throws IOException {
        LoggedRequestCodec codec = new LoggedRequestCodec();
        Files.writeString(dir.resolve("requests-000000000007.jsonl"), codec.encode(Requests.plain("a")) + "\n"
                + "garbage\n" + codec.encode(Requests.plain("b")) + "\n" + "{\"requestId\":\"cut");
        try (LogSpool spool = spool(1L << 30)) {
            spool.countLeftovers();
            assertThat(spool.records()).isEqualTo(4);

            SpoolChunk chunk = spool.read(10).orElseThrow();

            assertThat(ids(chunk)).containsExactly("a", "b");
            assertThat(chunk.lines()).isEqualTo(4);
            assertThat(chunk.endsSegment()).isTrue();
        }
    }

    @Test
    void leftoverSegmentsAreReadOldestFirstAndNewOnesComeAfterThem() {
        try (LogSpool first = spool(1L << 30)) {
            first.append(records("one", 1));
        }
        try (LogSpool second = spool(1L << 30)) {
            second.append(records("two", 1));
        }
        List<String> ids = new ArrayList<>();
        try (LogSpool third = spool(1L << 30)) {
            third.countLeftovers();
            third.append(records("three", 1));
            for (Optional<SpoolChunk> c = third.read(10); c.isPresent(); c = third.read(10)) {
                ids.addAll(ids(c.get()));
                third.acknowledge(c.get());
            }
        }

        assertThat(ids).containsExactly("one-0", "two-0", "three-0");
    }
}
