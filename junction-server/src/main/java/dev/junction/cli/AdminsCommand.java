package dev.junction.cli;

import dev.junction.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code junction admins create|list}: the admin API's own principals (console users and service accounts), not
 * the data-plane users of {@code junction users}. On the database directly, {@code create} is how an operator makes
 * the first console user; its password is read from standard input, never from the command line.
 */
@Command(name = "admins", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Create and list console users and service accounts (who may use the admin API).", "",
                "With --url (or JUNCTION_URL) the commands use a running gateway's admin API; without, they open "
                        + "the database the configuration names, as serve would."},
        subcommands = {AdminsCommand.Create.class, AdminsCommand.ListAdmins.class})
final class AdminsCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code junction admins create}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a console user (--email) or a service account (--service).")
    static final class Create implements Callable<Integer> {

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The display name.")
        private String name;

        @Option(names = "--email", paramLabel = "EMAIL", description = "A console user's sign-in address.")
        private String email;

        @Option(names = "--service", description = "A service account (an admin API token, printed once).")
        private boolean service;

        @Option(names = "--password-stdin", description = "Read the console user's password from standard input.")
        private boolean passwordStdin;

        @Option(names = "--role", defaultValue = "owner", paramLabel = "ROLE",
                description = "The role (default: ${DEFAULT-VALUE}).")
        private String role;

        @Option(names = "--tenant", paramLabel = "TENANT",
                description = "The tenant of the role, by id or name (default: every tenant).")
        private String tenant;

        @Mixin
        private AdminConnection connection;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (service == (email != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Give --email (a console user) or "
                        + "--service (a service account).");
            }
            String password = passwordStdin ? readPassword() : null;
            return AdminCommand.run(spec, connection, client -> {
                ObjectNode body = Json.object().put("kind", service ? "service" : "user").put("name", name);
                if (email != null) {
                    body.put("email", email);
                }
                if (password != null) {
                    body.put("password", password);
                }
                ObjectNode binding = body.putArray("bindings").addObject().put("role", role);
                if (tenant != null) {
                    binding.put("tenant_id", Refs.tenant(client, tenant));
                } else {
                    binding.putNull("tenant_id");
                }
                ObjectNode created = client.createPrincipal(body);
                PrintWriter out = spec.commandLine().getOut();
                if (connection.json()) {
                    AdminCommand.printJson(out, created);
                } else if (created.has("token")) {
                    out.println(created.path("token").asString());
                    spec.commandLine().getErr().println("Created service account " + created.path("id").asString()
                            + "; its token (above) is shown only once.");
                } else {
                    out.printf("Created console user %s (%s) as %s%s.%n", created.path("id").asString(),
                            created.path("email").asString(), role, tenant == null ? " of every tenant"
                                    : " of tenant " + tenant);
                }
                out.flush();
                return 0;
            });
        }

        private String readPassword() {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--password-stdin: no password "
                            + "on standard input.");
                }
                return line;
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--password-stdin: " + e.getMessage());
            }
        }
    }

    /** {@code junction admins list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List console users and service accounts.")
    static final class ListAdmins implements Callable<Integer> {

        @Mixin
        private AdminConnection connection;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return AdminCommand.run(spec, connection, client -> {
                return AdminCommand.printList(spec, connection, client.list("principals", Map.of()),
                        List.of("ID", "KIND", "NAME", "EMAIL", "ENABLED", "ROLES"),
                        p -> new String[]{p.path("id").asString(), p.path("kind").asString(),
                                p.path("name").asString(), p.path("email").asString(""),
                                Boolean.toString(p.path("enabled").asBoolean()), roles(p)},
                        "No console users or service accounts.");
            });
        }

        /** The principal's bindings as {@code role@tenant}, {@code *} for every tenant. */
        private static String roles(JsonNode principal) {
            StringBuilder roles = new StringBuilder();
            for (JsonNode b : principal.path("bindings")) {
                if (!roles.isEmpty()) {
                    roles.append(", ");
                }
                roles.append(b.path("role").asString()).append('@')
                        .append(b.path("tenant_id").isNull() ? "*" : b.path("tenant_id").asString());
            }
            return roles.toString();
        }
    }
}
