package dev.junction.cli;

import dev.junction.budget.BudgetPeriod;
import dev.junction.json.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code junction keys create|list|revoke}: virtual keys, through a gateway's admin API or the database. */
@Command(name = "keys", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Issue, list and revoke virtual keys.", "",
                "With --url (or JUNCTION_URL) the commands use a running gateway's admin API; without, they open "
                        + "the database the configuration names, as serve would."},
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code junction keys create}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = {"Issue a key for a user.",
            "The key is printed once; it cannot be shown again."})
    static final class Create implements Callable<Integer> {

        @Option(names = "--user", required = true, paramLabel = "USER", description = "The owner, by id or name.")
        private String user;

        @Option(names = "--name", paramLabel = "NAME", description = "What to call the key (default: default).")
        private String name;

        @Option(names = "--models", split = ",", paramLabel = "MODEL",
                description = "Public models (or patterns such as openai/*) it may call; default all.")
        private List<String> models;

        @Option(names = "--expires-in", paramLabel = "DURATION", description = "Lifetime such as 30d, 12h, 2w.")
        private String expiresIn;

        @Option(names = "--rpm", paramLabel = "N", description = "Requests per minute.")
        private Long rpm;

        @Option(names = "--tpm", paramLabel = "N", description = "Tokens per minute.")
        private Long tpm;

        @Option(names = "--budget-usd", paramLabel = "USD", description = "A budget for the key, in US dollars.")
        private Double budgetUsd;

        @Option(names = "--budget-period", paramLabel = "PERIOD", defaultValue = "monthly",
                description = "The budget's period: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        private BudgetPeriod budgetPeriod;

        @Mixin
        private AdminConnection connection;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return AdminCommand.run(spec, connection, client -> {
                ObjectNode body = Json.object().put("user_id", Refs.user(client, user));
                Optional.ofNullable(name).ifPresent(n -> body.put("name", n));
                Optional.ofNullable(models).ifPresent(m -> m.forEach(body.withArray("allowed_models")::add));
                Optional.ofNullable(expiresIn).ifPresent(e -> body.put("expires_in", e));
                Optional.ofNullable(rpm).ifPresent(r -> body.put("rpm", r));
                Optional.ofNullable(tpm).ifPresent(t -> body.put("tpm", t));
                Optional.ofNullable(budgetUsd).ifPresent(usd -> body.withArray("budgets").add(Json.object()
                        .put("amount_usd", usd).put("period", budgetPeriod.wireName())));
                ObjectNode key = client.createKey(body);
                print(spec.commandLine().getOut(), spec.commandLine().getErr(), key);
                return 0;
            });
        }

        private void print(PrintWriter out, PrintWriter err, ObjectNode key) {
            if (connection.json()) {
                AdminCommand.printJson(out, key);
            } else {
                out.printf("Created key %s (%s) for user %s.%n%n    %s%n%n", key.path("id").asString(),
                        key.path("name").asString(), key.path("user_id").asString(), key.path("key").asString());
                for (JsonNode budget : key.path("budgets")) {
                    out.printf("Budget %s: %s USD %s.%n", budget.path("id").asString(),
                            budget.path("amount_usd").asString(), budget.path("period").asString());
                }
                out.flush();
            }
            err.println("Store this key now: it cannot be shown again.");
            err.flush();
        }
    }

    /** {@code junction keys list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never the keys themselves).")
    static final class ListKeys implements Callable<Integer> {

        @Option(names = "--user", paramLabel = "USER", description = "Only this user's keys, by id or name.")
        private String user;

        @Mixin
        private AdminConnection connection;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return AdminCommand.run(spec, connection, client -> {
                Map<String, String> filter = user == null ? Map.of() : Map.of("user_id", Refs.user(client, user));
                return AdminCommand.printList(spec, connection, client.list("keys", filter),
                        List.of("ID", "NAME", "USER", "PREFIX", "ENABLED", "EXPIRES", "MODELS"),
                        k -> new String[]{k.path("id").asString(), k.path("name").asString(),
                                k.path("user_id").asString(), k.path("prefix").asString(),
                                Boolean.toString(k.path("enabled").asBoolean()), k.path("expires_at").asString(""),
                                join(k.path("allowed_models"))},
                        "No keys.");
            });
        }
    }

    /** {@code junction keys revoke}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key: it stops working at once and stays listed, disabled, for the request log.")
    static final class Revoke implements Callable<Integer> {

        @Parameters(paramLabel = "KEY_ID", description = "The key's id (key_…).")
        private String id;

        @Mixin
        private AdminConnection connection;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return AdminCommand.run(spec, connection, client -> {
                ObjectNode key = client.revokeKey(id);
                PrintWriter out = spec.commandLine().getOut();
                if (connection.json()) {
                    AdminCommand.printJson(out, key);
                } else {
                    out.printf("Revoked key %s (%s).%n", key.path("id").asString(), key.path("name").asString());
                    out.flush();
                }
                return 0;
            });
        }
    }

    static String join(JsonNode array) {
        StringBuilder s = new StringBuilder();
        array.forEach(v -> s.append(s.isEmpty() ? "" : ",").append(v.asString()));
        return s.toString();
    }
}
