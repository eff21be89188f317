package dev.junction.observe;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Chooses the log format at start-up: JSON lines (the default) or text for a terminal. */
public final class LogSetup {

    /** The formats {@code --log-format} accepts. */
    public enum Format { json, text }

    private LogSetup() {}

    /** Drains the asynchronous appender so the last lines (the shutdown itself) reach the output. */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    /** Reconfigures logback with the bundled configuration for this format. */
    public static void configure(Format format) {
        load("/logback-" + format.name() + ".xml");
    }

    /**
     * Reconfigures logback for commands that print for people: warnings only, on standard error, so that their
     * output (tables, JSON) stays clean. {@link #configure} replaces it for {@code serve}.
     */
    public static void configureQuiet() {
        load("/logback-quiet.xml");
    }

    private static void load(String resource) {
        URL config = LogSetup.class.getResource(resource);
        if (config == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            System.err.println("junction: could not configure logging: " + e.getMessage());
        }
    }
}
