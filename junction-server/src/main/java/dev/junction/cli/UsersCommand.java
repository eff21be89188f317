package dev.junction.cli;

import dev.junction.entity.Tenant;
import dev.junction.json.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import tools.jackson.databind.node.ObjectNode;

/** {@code junction users create|list}: users, through a gateway's admin API or the database. */
@Command(name = "users", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Create and list users (the owners of virtual keys).", "",
                "With --url (or JUNCTION_URL) the commands use a running gateway's admin API; without, they open "
                        + "the database the configuration names, as serve would."},
        subcommands = {UsersCommand.Create.class, UsersCommand.ListUsers.class})
final class UsersCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code junction users create}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a user.")
    static final class Create implements Callable<Integer> {

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Unique within the tenant.")
        private String name;

        @Option(names = "--email", paramLabel = "EMAIL", description = "A contact address.")
        private String email;

        @Option(names = "--tenant", paramLabel = "TENANT",
                description = "The tenant, by id or name (default: the default tenant).")
        private String tenant;

        @Option(names = "--team", paramLabel = "TEAM", description = "A team of that tenant, by id or name.")
        private String team;

        @Mixin
        private AdminConnection connection;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return AdminCommand.run(spec, connection, client -> {
                String tenantId = tenant == null ? Tenant.DEFAULT_ID : Refs.tenant(client, tenant);
                ObjectNode body = Json.object().put("name", name).put("tenant_id", tenantId);
                if (email != null) {
                    body.put("email", email);
                }
                if (team != null) {
                    body.put("team_id", Refs.team(client, tenantId, team));
                }
                ObjectNode user = client.createUser(body);
                PrintWriter out = spec.commandLine().getOut();
                if (connection.json()) {
                    AdminCommand.printJson(out, user);
                } else {
                    out.printf("Created user %s (%s) in tenant %s.%n", user.path("id").asString(),
                            user.path("name").asString(), user.path("tenant_id").asString());
                    out.flush();
                }
                return 0;
            });
        }
    }

    /** {@code junction users list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    static final class ListUsers implements Callable<Integer> {

        @Mixin
        private AdminConnection connection;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return AdminCommand.run(spec, connection, client -> {
                return AdminCommand.printList(spec, connection, client.list("users", Map.of()),
                        List.of("ID", "NAME", "EMAIL", "TENANT", "TEAM"),
                        u -> new String[]{u.path("id").asString(), u.path("name").asString(),
                                u.path("email").asString(""), u.path("tenant_id").asString(),
                                u.path("team_id").asString("")},
                        "No users.");
            });
        }
    }
}
