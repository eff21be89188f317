package dev.junction.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Chooses the log format at start-up: text for a person at a terminal, JSON lines for everything else (a file, a
 * pipe, a container's log driver), or whichever {@code --log-format} asks for. Libraries (Flyway, HikariCP, Vert.x,
 * Netty, Lettuce, JDBI) log warnings only unless the root level is {@code DEBUG} or finer ({@code JUNCTION_LOG_LEVEL}):
 * their start-up chatter is for debugging, not for the operator.
 */
public final class LogSetup {

    /** The formats {@code --log-format} accepts. */
    public enum Format {
        json, text;

        /** The format used when none is asked for: text when standard output is a terminal, else JSON. */
        public static Format forOutput(boolean stdoutIsTerminal) {
            return stdoutIsTerminal ? text : json;
        }
    }

    /**
     * Marks a line written for a person whose message already says everything: the text format leaves out its
     * key-value pairs (they repeat the message for machines), the JSON format keeps them.
     */
    public static final Marker FOR_PEOPLE = MarkerFactory.getMarker("FOR_PEOPLE");

    /** Set by the launcher, which can ask the shell about standard output alone. */
    static final String TERMINAL_PROPERTY = "junction.stdout.terminal";

    /** The loggers of libraries whose information lines are start-up chatter. */
    static final List<String> LIBRARIES = List.of("org.flywaydb", "com.zaxxer.hikari", "io.vertx", "io.netty",
            "io.lettuce", "reactor", "org.jdbi", "org.sqlite", "org.postgresql", "org.mariadb");

    private LogSetup() {}

    /**
     * Whether standard output is a terminal: as the launcher saw it ({@code -Djunction.stdout.terminal}), else
     * whether the JVM has a console (which it has only when both standard input and output are terminals).
     */
    public static boolean stdoutIsTerminal() {
        String told = System.getProperty(TERMINAL_PROPERTY);
        if (told != null && !told.isBlank()) {
            return Boolean.parseBoolean(told.strip());
        }
        return System.console() != null;
    }

    /** Drains the asynchronous appender so the last lines (the shutdown itself) reach the output. */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    /** Reconfigures logback with the bundled configuration for this format. */
    public static void configure(Format format) {
        load("/logback-" + format.name() + ".xml").ifPresent(LogSetup::quietLibraries);
    }

    /**
     * Reconfigures logback for commands that print for people: warnings only, on standard error, so that their
     * output (tables, JSON) stays clean. {@link #configure} replaces it for {@code serve}.
     */
    public static void configureQuiet() {
        load("/logback-quiet.xml");
    }

    /** Libraries log at the root level only when it is DEBUG or finer; otherwise warnings and errors only. */
    static void quietLibraries(LoggerContext context) {
        Level root = context.getLogger(Logger.ROOT_LOGGER_NAME).getEffectiveLevel();
        Level libraries = root.isGreaterOrEqual(Level.INFO) ? Level.toLevel(Math.max(root.toInt(), Level.WARN_INT))
                : root;
        for (String name : LIBRARIES) {
            context.getLogger(name).setLevel(libraries);
        }
    }

    private static Optional<LoggerContext> load(String resource) {
        URL config = LogSetup.class.getResource(resource);
        if (config == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            System.err.println("junction: could not configure logging: " + e.getMessage());
        }
        return Optional.of(context);
    }
}
