package dev.junction.observe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One spool file, {@code requests-<seq>.jsonl}, and what the spool knows of it: its size, its lines and how many of
 * them the sink has stored. Mutable; owned and locked by its {@link LogSpool}.
 */
final class SpoolSegment {

    private static final Pattern NAME = Pattern.compile("requests-(\\d+)\\.jsonl");

    final Path path;
    final long seq;
    long bytes;
    long lines;
    long consumed;
    boolean counted;
    /**
     * The records of this segment's lines, in line order, while this process wrote every line of it and the spool's
     * mirror budget allowed; empty otherwise (a segment found at start, or one whose mirror was given up), and then
     * its lines are read back from the file.
     */
    Optional<List<LoggedRequest>> mirror = Optional.empty();

    private SpoolSegment(Path path, long seq, long bytes, boolean counted) {
        this.path = path;
        this.seq = seq;
        this.bytes = bytes;
        this.counted = counted;
    }

    /** A new, empty segment in the directory; the file is not created here. */
    static SpoolSegment create(Path directory, long seq) {
        // Zero-padded so that a directory listing sorts in replay order too.
        SpoolSegment s = new SpoolSegment(directory.resolve("requests-%012d.jsonl".formatted(seq)), seq, 0, true);
        s.mirror = Optional.of(new ArrayList<>());
        return s;
    }

    /** The segment a file is, when its name is a segment's; its lines are not counted yet. */
    static Optional<SpoolSegment> existing(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SpoolSegment(file, Long.parseLong(m.group(1)), Files.size(file), false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Lines not yet stored by the sink. */
    long remaining() {
        return Math.max(0, lines - consumed);
    }

    /**
     * Counts the lines of a segment found at start (a last line cut short by a crash counts too: it still takes a
     * replay step). Zero when the file cannot be read.
     */
    long countLines() {
        try (InputStream is = Files.newInputStream(path)) {
            byte[] buffer = new byte[64 * 1024];
            long count = 0;
            byte last = '\n';
            int n;
            while ((n = is.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        count++;
                    }
                }
                last = buffer[n - 1];
            }
            return last == '\n' ? count : count + 1;
        } catch (IOException e) {
            return 0;
        }
    }
}
