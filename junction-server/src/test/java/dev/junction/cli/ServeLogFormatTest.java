package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.observe.LogSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How {@code junction serve} picks its log format. */
class ServeLogFormatTest {

    private static final String TERMINAL = "junction.stdout.terminal";

    @AfterEach
    void forgetTheTerminal() {
        System.clearProperty(TERMINAL);
    }

    private static LogSetup.Format formatOf(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return serve.logFormat();
    }

    @Test
    void withoutLogFormatATerminalGetsText() {
        System.setProperty(TERMINAL, "true");

        assertThat(formatOf()).isEqualTo(LogSetup.Format.text);
    }

    @Test
    void withoutLogFormatAnythingButATerminalGetsJson() {
        System.setProperty(TERMINAL, "false");

        assertThat(formatOf()).isEqualTo(LogSetup.Format.json);
    }

    @Test
    void anExplicitFormatWinsOverTheTerminal() {
        System.setProperty(TERMINAL, "true");

        assertThat(formatOf("--log-format", "json")).isEqualTo(LogSetup.Format.json);
        assertThat(formatOf("--log-format", "TEXT")).isEqualTo(LogSetup.Format.text);
    }
}
