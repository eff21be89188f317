package dev.junction.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class LogSetupTest {

    private static LoggerContext contextAt(Level root) {
        LoggerContext context = new LoggerContext(); // not the tests' own: nothing global changes
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(root);
        LogSetup.quietLibraries(context);
        return context;
    }

    @Test
    void librariesLogOnlyWarningsAtTheDefaultLevel() {
        LoggerContext context = contextAt(Level.INFO);

        assertThat(LogSetup.LIBRARIES).contains("org.flywaydb", "com.zaxxer.hikari", "io.vertx", "io.netty",
                "io.lettuce");
        for (String library : LogSetup.LIBRARIES) {
            assertThat(context.getLogger(library + ".Some").isInfoEnabled()).as(library).isFalse();
            assertThat(context.getLogger(library + ".Some").isWarnEnabled()).as(library).isTrue();
        }
        assertThat(context.getLogger("dev.junction.server.GatewayServer").isInfoEnabled()).isTrue();
    }

    @Test
    void librariesSpeakAtDebugLevelWhenDebugging() {
        LoggerContext context = contextAt(Level.DEBUG);

        assertThat(context.getLogger("org.flywaydb.core.FlywayExecutor").isDebugEnabled()).isTrue();
    }

    @Test
    void librariesStayAsQuietAsTheRootWhenItIsQuieter() {
        LoggerContext context = contextAt(Level.ERROR);

        assertThat(context.getLogger("com.zaxxer.hikari.HikariDataSource").isWarnEnabled()).isFalse();
    }

    @Test
    void aTerminalGetsTextAndAnythingElseJson() {
        assertThat(LogSetup.Format.forOutput(true)).isEqualTo(LogSetup.Format.text);
        assertThat(LogSetup.Format.forOutput(false)).isEqualTo(LogSetup.Format.json);
    }

    private static String text(LoggingEvent event) {
        return new String(new TextEncoder().encode(event), StandardCharsets.UTF_8);
    }

    private static LoggingEvent event(String message) {
        LoggingEvent event = new LoggingEvent();
        event.setLevel(Level.INFO);
        event.setLoggerName("junction.request");
        event.setMessage(message);
        event.setTimeStamp(0);
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("model", "mock/echo"));
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("attempt_log", "mock/echo=200@1ms, b=503@2ms"));
        return event;
    }

    @Test
    void theTextFormatShowsKeyValuePairsAfterTheMessage() {
        assertThat(text(event("request")))
                .endsWith("INFO  request model=mock/echo attempt_log=\"mock/echo=200@1ms, b=503@2ms\"\n")
                .doesNotContain("junction.request");
    }

    @Test
    void theTextFormatLeavesOutThePairsOfLinesWrittenForPeople() {
        LoggingEvent event = event("Providers: mock");
        event.addMarker(LogSetup.FOR_PEOPLE);

        assertThat(text(event)).endsWith("INFO  Providers: mock\n");
    }
}
