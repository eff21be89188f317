package dev.junction.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.TestReporter;

/**
 * Durations the propagation tests measure and report rather than assert tightly: each is published to JUnit's
 * report and appended to {@code target/measurements/propagation.txt}, one {@code name=millis} line each. Test helper.
 */
final class Measured {

    private static final Path FILE = Path.of("target", "measurements", "propagation.txt");

    private Measured() {}

    static synchronized void report(TestReporter reporter, String name, Duration took) {
        String line = name + "=" + took.toNanos() / 1_000_000.0;
        reporter.publishEntry(name + "_ms", Double.toString(took.toNanos() / 1_000_000.0));
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The time since {@code startedNanos} ({@link System#nanoTime()}). */
    static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
