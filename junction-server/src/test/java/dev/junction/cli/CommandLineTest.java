package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run run = run("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("serve", "check-config", "version");
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        for (String command : new String[] {"serve", "check-config", "version"}) {
            Run run = run(command, "--help");

            assertThat(run.exit()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: junction " + command);
        }
    }

    @Test
    void serveOnItsOwnHasTheSameOptionsAndHelpAsServeAmongTheCommands() {
        CommandLine alone = Main.serveCommandLine();
        CommandLine among = Main.commandLine().getSubcommands().get("serve");

        assertThat(alone.getUsageMessage(CommandLine.Help.Ansi.OFF))
                .isEqualTo(among.getUsageMessage(CommandLine.Help.Ansi.OFF))
                .contains("Usage: junction serve");
        assertThat(alone.getCommandSpec().options()).extracting(CommandLine.Model.OptionSpec::longestName)
                .containsExactlyElementsOf(among.getCommandSpec().options().stream()
                        .map(CommandLine.Model.OptionSpec::longestName).toList());
    }

    @Test
    void serveOnItsOwnRefusesAnUnknownOptionAsServeDoes() {
        StringWriter err = new StringWriter();
        CommandLine alone = Main.serveCommandLine();
        alone.setErr(new PrintWriter(err));

        int exit = alone.execute("--no-such-option");

        assertThat(exit).isEqualTo(run("serve", "--no-such-option").exit()).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'", "Usage: junction serve");
    }

    @Test
    void versionPrintsTheCatalogVersion() {
        Run run = run("version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("junction ", "provider catalog ");
    }

    @Test
    void checkConfigAcceptsAValidFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), """
                routes:
                  demo:
                    steps: [{provider: mock, model: echo}]
                """);

        Run run = run("check-config", file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("is valid", "1 routes");
    }

    @Test
    void checkConfigListsEveryProblemAndFails(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                server: {port: nope}
                routes: {demo: {steps: [{provider: ghost, model: x}]}}
                """);

        Run run = run("check-config", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("2 problems", "server.port", "routes.demo.steps[0].provider");
    }
}
