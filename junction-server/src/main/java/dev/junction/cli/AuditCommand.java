package dev.junction.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.node.ObjectNode;

/** {@code junction audit verify}: walks the audit trail's hash chain; exit status 1 when it is broken. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Check the audit trail.", subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code junction audit verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every entry's hash and link; name the first entry that was changed or follows a "
                    + "removed one.")
    static final class Verify implements Callable<Integer> {

        @Mixin
        private AdminConnection connection;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return AdminCommand.run(spec, connection, client -> {
                ObjectNode verdict = client.verifyAudit();
                PrintWriter out = spec.commandLine().getOut();
                boolean intact = verdict.path("intact").asBoolean();
                if (connection.json()) {
                    AdminCommand.printJson(out, verdict);
                } else if (intact) {
                    out.println("The audit trail is intact.");
                } else {
                    out.println("The audit trail is broken at entry " + verdict.path("first_broken_seq").asLong()
                            + ": it was changed, or an entry before it was removed.");
                }
                out.flush();
                return intact ? 0 : 1;
            });
        }
    }
}
