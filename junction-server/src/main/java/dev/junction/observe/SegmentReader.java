package dev.junction.observe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one spool segment from its start, a chunk at a time. Unreadable lines (a crash cut them short, or the file was
 * damaged) are skipped with a warning for the first and a total at the end, so that they never block replay. Confined
 * to one thread at a time (its spool's lock).
 */
final class SegmentReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentReader.class);

    private final Path path;
    private final LoggedRequestCodec codec;
    private final BufferedReader in;
    private long unreadable;

    /** Records read, the lines they took (unreadable ones included), and whether the segment ends after them. */
    record Chunk(List<LoggedRequest> records, long lines, boolean atEnd) {}

    SegmentReader(Path path, LoggedRequestCodec codec) throws IOException {
        this.path = path;
        this.codec = codec;
        // A decoder that replaces malformed bytes: a damaged byte spoils one line, not the whole segment.
        this.in = new BufferedReader(new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8));
    }

    /** The next up to {@code max} readable records. */
    Chunk next(int max) throws IOException {
        List<LoggedRequest> found = new ArrayList<>();
        long lines = 0;
        while (found.size() < max) {
            String line = in.readLine();
            if (line == null) {
                return new Chunk(found, lines, true);
            }
            lines++;
            decode(line).ifPresent(found::add);
        }
        return new Chunk(found, lines, atEnd());
    }

    private Optional<LoggedRequest> decode(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(codec.decode(line));
        } catch (IllegalArgumentException e) {
            if (unreadable++ == 0) {
                LOG.warn("Skipping an unreadable line in the request-log spool segment {}: {}", path, e.getMessage());
            }
            return Optional.empty();
        }
    }

    private boolean atEnd() throws IOException {
        in.mark(1);
        boolean end = in.read() < 0;
        in.reset();
        return end;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // Read-only: a failed close loses nothing.
        }
        if (unreadable > 1) {
            LOG.warn("Skipped {} unreadable lines in the request-log spool segment {}", unreadable, path);
        }
    }
}
