package dev.junction.examples.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file the lines are appended to, one write and flush per line so a line is whole on disk once the hook returns.
 * Thread safe: the finished hook runs on several worker threads at once.
 */
final class AuditFile {

    private final BufferedWriter out;

    private AuditFile(BufferedWriter out) {
        this.out = out;
    }

    static AuditFile open(Path path) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        return new AuditFile(Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    }

    synchronized void append(String line) {
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // the lines written so far were flushed; nothing else to save
        }
    }
}
