package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.Main;
import dev.junction.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * {@code junction users …} and {@code junction keys …}, both against the database directly (the configuration's
 * data directory) and against a running gateway's admin API, with the output a person or a script reads.
 */
class AdminCliTest {

    private static final Pattern KEY = Pattern.compile("jk-[0-9A-Za-z]{43}");
    private static final String CHAT = "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

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

    private static String config(Path dir) throws Exception {
        return Files.writeString(dir.resolve("junction.yaml"), """
                data_dir: "%s"
                secret_key: %s
                """.formatted(dir.resolve("data").toString().replace("\\", "/"), Gateway.SECRET_KEY)).toString();
    }

    private static String plaintext(String output) {
        Matcher m = KEY.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group();
    }

    @Test
    void usersAndKeysMadeInTheDatabaseWorkOnAGatewayStartedOnIt(@TempDir Path dir) throws Exception {
        String config = config(dir);

        Run user = run("users", "create", "--name", "alice", "--email", "alice@example.com", "--config", config);
        Run key = run("keys", "create", "--user", "alice", "--name", "laptop", "--models", "mock/*", "--rpm", "30",
                "--config", config);

        assertThat(user.exit()).as(user.err()).isZero();
        assertThat(user.out()).matches("Created user usr_\\w+ \\(alice\\) in tenant ten_default\\.\\R");
        assertThat(key.exit()).as(key.err()).isZero();
        assertThat(key.err()).contains("cannot be shown again");
        String secret = plaintext(key.out());
        try (Gateway gateway = Gateway.start(AdminHttp.CONFIG, Map.of("JUNCTION_DATA_DIR",
                dir.resolve("data").toString()))) {
            assertThat(gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + secret).statusCode())
                    .isEqualTo(200);
            JsonNode audit = new AdminHttp(gateway).get("/api/admin/audit").body().path("data");
            assertThat(audit.findValuesAsString("action")).containsExactly("key.create", "user.create");
            assertThat(audit.get(0).path("actor").asString()).startsWith("cli:");
        }
    }

    @Test
    void listsShowTablesWithoutTheKey(@TempDir Path dir) throws Exception {
        String config = config(dir);
        run("users", "create", "--name", "bob", "--config", config);
        String secret = plaintext(run("keys", "create", "--user", "bob", "--config", config).out());

        Run users = run("users", "list", "--config", config);
        Run keys = run("keys", "list", "--user", "bob", "--config", config);

        assertThat(users.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("NAME", "EMAIL", "TEAM");
        assertThat(users.out()).contains("bob", "ten_default");
        assertThat(keys.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("PREFIX", "ENABLED");
        assertThat(keys.out()).contains("default", "true", secret.substring(0, 7)).doesNotContain(secret.substring(3));
    }

    @Test
    void aKeyWithABudgetPrintsBothAsJson(@TempDir Path dir) throws Exception {
        String config = config(dir);
        run("users", "create", "--name", "carol", "--config", config);

        Run key = run("keys", "create", "--user", "carol", "--budget-usd", "7.5", "--budget-period", "weekly",
                "--expires-in", "12h", "--json", "--config", config);

        assertThat(key.exit()).as(key.err()).isZero();
        JsonNode json = Json.tryParse(key.out()).orElseThrow();
        assertThat(json.path("key").asString()).matches(KEY);
        assertThat(json.path("expires_at").isString()).isTrue();
        assertThat(json.at("/budgets/0/amount_usd").asDouble()).isEqualTo(7.5);
        assertThat(json.at("/budgets/0/period").asString()).isEqualTo("weekly");
        assertThat(json.at("/budgets/0/scope_id").asString()).isEqualTo(json.path("id").asString());
    }

    @Test
    void aKeyForAnUnknownUserFailsWithAMessage(@TempDir Path dir) throws Exception {
        Run run = run("keys", "create", "--user", "nobody", "--config", config(dir));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("there is no user 'nobody'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aBadLifetimeFailsWithTheApisMessage(@TempDir Path dir) throws Exception {
        String config = config(dir);
        run("users", "create", "--name", "dave", "--config", config);

        Run run = run("keys", "create", "--user", "dave", "--expires-in", "soon", "--config", config);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("expires_in", "30d");
    }

    @Test
    void theSameCommandsWorkAgainstARunningGateway() {
        try (Gateway gateway = Gateway.start(AdminHttp.CONFIG, Map.of())) {
            String[] remote = {"--url", gateway.baseUrl(), "--admin-key", AdminHttp.KEY};

            Run user = run(concat(new String[] {"users", "create", "--name", "erin"}, remote));
            Run key = run(concat(new String[] {"keys", "create", "--user", "erin", "--budget-usd", "3"}, remote));
            Run list = run(concat(new String[] {"keys", "list", "--json"}, remote));
            String secret = plaintext(key.out());
            int before = gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + secret).statusCode();
            String id = Json.tryParse(list.out()).orElseThrow().get(0).path("id").asString();
            Run revoke = run(concat(new String[] {"keys", "revoke", id}, remote));

            assertThat(user.exit()).as(user.err()).isZero();
            assertThat(key.exit()).as(key.err()).isZero();
            assertThat(key.out()).contains("Budget bud_", "3.0 USD monthly");
            assertThat(list.out()).doesNotContain(secret.substring(3));
            assertThat(before).isEqualTo(200);
            assertThat(revoke.out()).contains("Revoked key " + id);
            assertThat(gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + secret).statusCode())
                    .isEqualTo(401);
            assertThat(new AdminHttp(gateway).get("/api/admin/audit?limit=1").body().at("/data/0/actor").asString())
                    .isEqualTo("ops");
        }
    }

    @Test
    void aWrongAdminKeyFailsWithTheGatewaysMessage() {
        try (Gateway gateway = Gateway.start(AdminHttp.CONFIG, Map.of())) {
            Run run = run("users", "list", "--url", gateway.baseUrl(), "--admin-key", "wrong-key");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("Invalid or missing admin key", "401");
        }
    }

    @Test
    void theHelpListsTheNewCommands() {
        Run run = run("--help");

        assertThat(run.out()).contains("users", "keys");
        assertThat(run("keys", "create", "--help").out()).contains("--user", "--budget-usd", "--url", "--json");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
