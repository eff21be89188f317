package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code junction admins} and {@code junction audit verify} on the database: an operator makes the first console
 * user with a password from standard input, the gateway lets that user sign in, and the CLI checks the chain.
 */
class AdminsCliTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return new Run(cli.execute(args), out.toString(), err.toString());
        } finally {
            System.setIn(before);
        }
    }

    private static String config(Path dir) throws Exception {
        return Files.writeString(dir.resolve("junction.yaml"), """
                data_dir: "%s"
                secret_key: %s
                """.formatted(dir.resolve("data").toString().replace("\\", "/"), Gateway.SECRET_KEY)).toString();
    }

    @Test
    void theFirstConsoleUserMadeOnTheDatabaseSignsInToTheGateway(@TempDir Path dir) throws Exception {
        String config = config(dir);

        Run created = run("a long first password\n", "admins", "create", "--email", "root@example.com", "--name",
                "Root", "--password-stdin", "--config", config);
        Run listed = run("", "admins", "list", "--config", config);
        Run verified = run("", "audit", "verify", "--config", config);

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("root@example.com", "owner of every tenant")
                .doesNotContain("a long first password");
        assertThat(listed.out()).contains("root@example.com", "owner@*");
        assertThat(verified.exit()).isZero();
        assertThat(verified.out()).contains("intact");
        try (Gateway gateway = Gateway.start(AdminHttp.CONFIG + "data_dir: \"" + dir.resolve("data").toString()
                .replace("\\", "/") + "\"\n", Map.of())) {
            var signedIn = gateway.post("/api/admin/session",
                    "{\"email\":\"root@example.com\",\"password\":\"a long first password\"}",
                    "content-type", "application/json");
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(201);
            assertThat(signedIn.body()).contains("\"settings:read\":\"*\"");
        }
    }

    @Test
    void aServiceAccountsTokenIsPrintedOnceOnStandardOutput(@TempDir Path dir) throws Exception {
        Run created = run("", "admins", "create", "--service", "--name", "ci", "--role", "analyst",
                "--config", config(dir));

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out().strip()).matches("jsa-[0-9A-Za-z]{43}");
        assertThat(created.err()).contains("shown only once");
    }

    @Test
    void aConsoleUserNeedsAnEmailOrTheServiceFlag(@TempDir Path dir) throws Exception {
        Run neither = run("", "admins", "create", "--name", "x", "--config", config(dir));

        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("--email");
    }
}
