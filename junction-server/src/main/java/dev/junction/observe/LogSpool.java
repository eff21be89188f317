package dev.junction.observe;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log's disk buffer: a directory of JSON-lines segment files {@code requests-<seq>.jsonl}, appended at the
 * tail (a new segment every ~16 MiB) and replayed from the head. A segment is deleted only when all its lines are
 * acknowledged, so a crash replays at most the segments not yet finished again: duplicates, never loss. The replay
 * position is kept in memory only. Records that would exceed the size cap, or meet a disk error, are dropped and
 * counted. The records this process appended are also kept in memory, up to {@link #MIRROR_RECORDS}, and delivered
 * from there: the file is read back only after a restart or while the sink is far behind.
 *
 * <p>Thread safe (every mutation locks the spool; the counters are readable without the lock), but meant for the
 * writer thread: {@link RequestLogWriter#close} appends from its own thread only when the writer thread overruns the
 * shutdown deadline. It blocks on disk I/O, so it must never be called from an event loop.
 */
final class LogSpool implements AutoCloseable {

    static final long SEGMENT_BYTES = 16L << 20;

    /**
     * At most this many records are also kept in memory, beside their lines, so that delivery hands the sink the
     * records it was given instead of reading and decoding its own lines again (a third of the writer's work). Past
     * it (the sink is behind: a database outage), a segment's lines are read back from the file as before.
     */
    static final int MIRROR_RECORDS = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(LogSpool.class);

    private final Path directory;
    private final long maxBytes;
    private final LoggedRequestCodec codec;
    private final DropCounter drops;
    private final Deque<SpoolSegment> segments = new ArrayDeque<>();
    private long nextSeq;
    private volatile long records;
    private volatile long bytes;
    private Optional<SpoolSegment> tail = Optional.empty(); // open for appending, with out
    private OutputStream out;
    private FileChannel channel; // the tail's, for fsync
    private boolean unsynced; // the tail holds bytes not forced to the disk
    private boolean forceOnSeal; // force a tail before closing it (an fsync policy other than never)
    private Optional<SegmentReader> reader = Optional.empty(); // on the head segment while a replay is under way
    private int mirrored; // records held by the segments' mirrors

    /** Lists the segments a previous run left (cheap); {@link #countLeftovers} counts their records. */
    LogSpool(Path directory, long maxBytes, LoggedRequestCodec codec, DropCounter drops) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.codec = codec;
        this.drops = drops;
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(directory)) {
                files.map(SpoolSegment::existing).flatMap(Optional::stream)
                        .sorted(Comparator.comparingLong(s -> s.seq)).forEach(segments::add);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot use the request-log spool directory {}: {}", directory, e.toString());
        }
        nextSeq = segments.isEmpty() ? 1 : segments.getLast().seq + 1;
        bytes = segments.stream().mapToLong(s -> s.bytes).sum();
    }

    /** Whether a tail is forced to the disk before it is closed (every fsync policy but {@code never}). */
    synchronized void forceOnSeal(boolean force) {
        this.forceOnSeal = force;
    }

    /**
     * Forces what was appended to the tail to the disk ({@code fsync}); a no-op when nothing is pending. A failure
     * is logged, not thrown: the records are still in the operating system's cache.
     */
    synchronized void sync() {
        if (channel == null || !unsynced) {
            return;
        }
        try {
            channel.force(false);
            unsynced = false;
        } catch (IOException e) {
            LOG.warn("Forcing the request-log journal {} to the disk failed: {}", directory, e.toString());
        }
    }

    /** Counts the records of the segments found at start; reads them all, so it may take a while. */
    synchronized void countLeftovers() {
        for (SpoolSegment s : segments) {
            if (!s.counted) {
                s.lines = s.countLines();
                s.counted = true;
                records += s.lines;
            }
        }
    }

    /** Appends the records at the tail; those that would exceed the cap or fail to be written are dropped. */
    synchronized void append(List<LoggedRequest> batch) {
        int stored = 0;
        try {
            for (LoggedRequest r : batch) {
                Optional<byte[]> encoded = encode(r);
                if (encoded.isEmpty()) {
                    continue;
                }
                byte[] line = encoded.get();
                if (bytes + line.length > maxBytes) {
                    drops.drop(1, "the spool at " + directory + " reached its cap of " + maxBytes + " bytes");
                    continue;
                }
                SpoolSegment s = openTail();
                out.write(line);
                s.bytes += line.length;
                s.lines++;
                remember(s, r);
                bytes += line.length;
                records++;
                stored++;
            }
            if (out != null) {
                out.flush(); // write(2): from here the records survive the process being killed
                unsynced |= stored > 0;
            }
        } catch (IOException e) {
            // What reached the disk is unknown: count the rest lost, and start a fresh segment next time so that a
            // torn line stays alone (replay skips it).
            drops.drop(batch.size() - stored, "the spool at " + directory + " could not be written: " + e);
            closeTail();
        }
    }

    /** Reads up to {@code max} records from the head, or empty when the spool is empty. */
    synchronized Optional<SpoolChunk> read(int max) {
        SpoolSegment head = segments.peekFirst();
        if (head == null) {
            return Optional.empty();
        }
        if (tail.equals(Optional.of(head))) {
            closeTail(); // sealed: later appends go to a new segment, so the head never grows under its reader
        }
        if (head.mirror.isPresent() && reader.isEmpty()) {
            // The head is sealed by now, so its mirror holds every line it will ever have; the lines before
            // `consumed` were stored (the writer reads a chunk only when the one before it was acknowledged).
            List<LoggedRequest> mirror = head.mirror.get();
            int from = (int) head.consumed;
            int to = (int) Math.min(mirror.size(), from + (long) max);
            return Optional.of(new SpoolChunk(List.copyOf(mirror.subList(from, to)), head.path, to - from,
                    to == mirror.size()));
        }
        try {
            if (reader.isEmpty()) {
                // A head without a mirror was never read from memory: a mirror is given up only while its segment
                // is the tail, and a read seals the tail first, so reading from the file starts at its first line.
                reader = Optional.of(new SegmentReader(head.path, codec));
            }
            SegmentReader.Chunk chunk = reader.get().next(max);
            if (chunk.atEnd()) {
                closeReader();
            }
            return Optional.of(new SpoolChunk(chunk.records(), head.path, chunk.lines(), chunk.atEnd()));
        } catch (IOException e) {
            // An unreadable segment must not block the others; it stays on disk for the next start to try again.
            LOG.warn("Skipping the request-log spool segment {} until the next start: {}", head.path, e.toString());
            closeReader();
            forget(segments.removeFirst());
            return Optional.of(new SpoolChunk(List.of(), head.path, 0, false));
        }
    }

    /** The sink stored the chunk: its lines are done, and its segment is deleted when the chunk ended it. */
    synchronized void acknowledge(SpoolChunk chunk) {
        SpoolSegment head = segments.peekFirst();
        if (head == null || !head.path.equals(chunk.segment())) {
            return; // the segment was given up after a read error
        }
        head.consumed += chunk.lines();
        records = Math.max(0, records - chunk.lines());
        if (!chunk.endsSegment()) {
            return;
        }
        forget(segments.removeFirst());
        try {
            Files.deleteIfExists(head.path);
        } catch (IOException e) {
            LOG.warn("Cannot delete the replayed request-log spool segment {}; the next start replays it again: {}",
                    head.path, e.toString());
        }
    }

    /** Whether no segment is left. */
    synchronized boolean isEmpty() {
        return segments.isEmpty();
    }

    /** Records not yet acknowledged; readable from any thread. */
    long records() {
        return records;
    }

    /** Bytes of the segment files; readable from any thread. */
    long bytes() {
        return bytes;
    }

    /** Closes the open files; the spool stays usable (a later append starts a new segment). */
    @Override
    public synchronized void close() {
        closeTail();
        closeReader();
    }

    private Optional<byte[]> encode(LoggedRequest r) {
        try {
            return Optional.of((codec.encode(r) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // A record missing a required value: losing it beats blocking the spool behind it.
            drops.drop(1, "a record could not be encoded: " + e);
            return Optional.empty();
        }
    }

    private void forget(SpoolSegment s) {
        records = Math.max(0, records - s.remaining());
        bytes -= s.bytes;
        dropMirror(s);
    }

    /** Keeps the record just appended to the segment in its mirror, or gives the mirror up when over budget. */
    private void remember(SpoolSegment s, LoggedRequest r) {
        if (s.mirror.isEmpty()) {
            return;
        }
        if (mirrored >= MIRROR_RECORDS) {
            dropMirror(s);
            return;
        }
        s.mirror.get().add(r);
        mirrored++;
    }

    private void dropMirror(SpoolSegment s) {
        s.mirror.ifPresent(m -> mirrored -= m.size());
        s.mirror = Optional.empty();
    }

    private SpoolSegment openTail() throws IOException {
        if (tail.isPresent() && tail.get().bytes < SEGMENT_BYTES) {
            return tail.get();
        }
        closeTail();
        Files.createDirectories(directory);
        SpoolSegment s = SpoolSegment.create(directory, nextSeq++);
        channel = FileChannel.open(s.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        segments.addLast(s);
        tail = Optional.of(s);
        return s;
    }

    private void closeTail() {
        tail = Optional.empty();
        if (out == null) {
            return;
        }
        try {
            out.flush();
            if (forceOnSeal) {
                sync();
            }
            out.close();
        } catch (IOException e) {
            LOG.warn("Closing a request-log spool segment failed: {}", e.toString());
        }
        out = null;
        channel = null;
        unsynced = false;
    }

    private void closeReader() {
        reader.ifPresent(SegmentReader::close);
        reader = Optional.empty();
    }
}
