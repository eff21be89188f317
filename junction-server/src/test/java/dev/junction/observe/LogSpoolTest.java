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

    @Test
    void recordsThisProcessAppendedAreDeliveredFromMemoryWithoutDecodingTheirLines() {
        try (LogSpool spool = spool(1L << 30)) {
            List<LoggedRequest> appended = records("m", 6);
            spool.append(appended);

            SpoolChunk first = spool.read(4).orElseThrow();
            spool.acknowledge(first);
            SpoolChunk rest = spool.read(4).orElseThrow();

            // the very objects handed in: nothing was read back and decoded
            for (int i = 0; i < 4; i++) {
                assertThat(first.records().get(i)).isSameAs(appended.get(i));
            }
            assertThat(first.endsSegment()).isFalse();
            assertThat(ids(rest)).containsExactly("m-4", "m-5");
            assertThat(rest.records().get(0)).isSameAs(appended.get(4));
            assertThat(rest.endsSegment()).isTrue();
            assertThat(rest.lines()).isEqualTo(2);
        }
    }

    @Test
    void pastTheMirrorBudgetLinesAreReadBackFromTheFileAndNothingIsDeliveredTwice() {
        try (LogSpool spool = spool(1L << 30)) {
            int n = LogSpool.MIRROR_RECORDS + 50;
            spool.append(records("a", LogSpool.MIRROR_RECORDS)); // fills the budget in the first segment
            SpoolChunk head = spool.read(10).orElseThrow(); // seals it: later appends open a new segment
            spool.append(records("b", 50)); // over budget: the second segment keeps no mirror

            List<String> delivered = new ArrayList<>(ids(head));
            spool.acknowledge(head);
            List<LoggedRequest> fromFile = new ArrayList<>();
            for (Optional<SpoolChunk> c = spool.read(1000); c.isPresent(); c = spool.read(1000)) {
                delivered.addAll(ids(c.get()));
                c.get().records().stream().filter(r -> r.requestId().startsWith("b-")).forEach(fromFile::add);
                spool.acknowledge(c.get());
            }

            assertThat(delivered).hasSize(n).doesNotHaveDuplicates();
            assertThat(delivered.subList(LogSpool.MIRROR_RECORDS, n))
                    .containsExactlyElementsOf(records("b", 50).stream().map(LoggedRequest::requestId).toList());
            assertThat(fromFile).hasSize(50);
            assertThat(spool.isEmpty()).isTrue();
            assertThat(drops.total()).isZero();
        }
    }

    @Test
    void aRestartedSpoolReadsItsLeftoversFromTheFile() {
        List<LoggedRequest> appended = records("x", 3);
        try (LogSpool spool = spool(1L << 30)) {
            spool.append(appended);
        }
        try (LogSpool restarted = spool(1L << 30)) {
            restarted.countLeftovers();
            SpoolChunk chunk = restarted.read(10).orElseThrow();

            assertThat(ids(chunk)).containsExactly("x-0", "x-1", "x-2");
            assertThat(chunk.records().get(0)).isNotSameAs(appended.get(0)).isEqualTo(
                    new LoggedRequestCodec().decode(new LoggedRequestCodec().encode(appended.get(0))));
        }
    }
}
