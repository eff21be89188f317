package dev.junction.cli;

import dev.junction.observe.LogSetup;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point of the {@code junction} command. */
@Command(name = "junction", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Junction, an AI gateway: one governed front door between LLM clients and providers.", ""},
        subcommands = {ServeCommand.class, CheckConfigCommand.class, UsersCommand.class, KeysCommand.class,
                AdminsCommand.class, AuditCommand.class, MigrateCommand.class, BackupCommand.class,
                VersionCommand.class, AotTrainCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Start with: junction serve   (no keys needed: try the model mock/echo)",
                "Docs: README.md and docs/ in the repository."})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        // Commands other than serve print for people: only warnings may reach the terminal, on standard error.
        LogSetup.configureQuiet();
        if (args.length > 0 && args[0].equals("serve")) {
            System.exit(serveCommandLine().execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /**
     * {@code junction serve} on its own, for every start of the gateway: picocli builds the model of each command it
     * is given by reflection, and its classes (Java 5 bytecode) are never in the JDK's AOT cache, so building all the
     * other commands cost about 0.2 s of each start (docs/benchmarks.md). Same options, help and exit codes as the
     * {@code serve} of {@link #commandLine()}.
     */
    static CommandLine serveCommandLine() {
        CommandLine serve = new CommandLine(new ServeCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        serve.getCommandSpec().name("junction serve");
        return serve;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
