package dev.junction.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import io.vertx.core.http.HttpVersion;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of the release archive: unpacked, it runs on the bundled runtime alone (no JDK on the {@code PATH}, no
 * {@code JAVA_HOME}), serves the data plane and {@code /health}, reaches a TLS upstream, keeps its store in SQLite or
 * PostgreSQL through the bundled drivers, writes nowhere but its data directory and {@code TMPDIR}, uses the AOT
 * cache trained at build time, and exits 0 after draining on SIGTERM.
 */
class ReleaseArchiveTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesChatHealthAndATlsUpstreamUnderAReadOnlyRootAndExitsZeroOnSigterm() throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(dir);
        try (MockUpstream upstream = MockUpstream.startTls(HttpVersion.HTTP_1_1)) {
            upstream.setDefault(Behavior.reply("over TLS"));
            Path ca = upstream.certificate().orElseThrow().writeCertificate(release.data.resolve("upstream-ca.pem"));
            int port = UnpackedRelease.freePort();
            Path config = Files.writeString(release.data.resolve("junction.yaml"), """
                    server: {host: 127.0.0.1, port: %d, drain_timeout: 5s}
                    providers:
                      secure: {base_url: "%s", auth: none, dialect: openai, tls: {ca_file: "%s"}}
                    routes:
                      secured:
                        steps: [{provider: secure, model: any}]
                    """.formatted(port, upstream.baseUrl(), ca));
            Process gateway = release.start(List.of("serve", "--config", config.toString()), Map.of(),
                    UnpackedRelease.canMakeRootReadOnly());
            String base = "http://127.0.0.1:" + port;
            release.awaitOk(http, base + "/health", gateway);

            OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(base + "/v1").apiKey("unused").maxRetries(0)
                    .timeout(Duration.ofSeconds(60)).build();
            assertThat(text(client.chat().completions().create(ask("mock/echo", "hello from the archive"))))
                    .contains("hello from the archive");
            assertThat(text(client.chat().completions().create(ask("secured", "hi")))).isEqualTo("over TLS");

            assertThat(UnpackedRelease.stop(gateway)).as(release.log()).isZero();
            assertThat(release.data.resolve("junction.db")).isRegularFile();
            assertThat(release.log()).doesNotContain("Read-only file system");
        }
    }

    @Test
    void keepsItsStoreInPostgresqlThroughTheBundledDriver() throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(dir);
        String database = "junction_dist_" + UUID.randomUUID().toString().replace("-", "");
        String admin = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
        execute(admin, "CREATE DATABASE " + database);
        try {
            int port = UnpackedRelease.freePort();
            Process gateway = release.start(List.of("serve", "--port", String.valueOf(port)), Map.of(
                    "JUNCTION_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/" + database,
                    "JUNCTION_DATABASE_USER", "postgres"), false);
            release.awaitOk(http, "http://127.0.0.1:" + port + "/ready", gateway);
            assertThat(UnpackedRelease.stop(gateway)).as(release.log()).isZero();
            try (Connection db = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres");
                 ResultSet migrations = db.createStatement().executeQuery(
                         "SELECT count(*) FROM junction_schema_history WHERE success")) {
                migrations.next();
                assertThat(migrations.getInt(1)).isPositive();
            }
            assertThat(release.data.resolve("junction.db")).doesNotExist();
        } finally {
            execute(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void acceptsItsSampleConfiguration() throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(dir);
        Process check = release.start(List.of("check-config", release.home.resolve("junction.yaml").toString()),
                Map.of(), false);
        assertThat(check.waitFor()).as(release.log()).isZero();
        assertThat(release.log()).contains("is valid");
    }

    @Test
    void bundledRuntimeLoadsTheAotCacheTrainedAtBuildTime() throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(dir);
        Path lib = release.home.resolve("lib");
        // The options the cache was trained with, as the launcher recorded them; AOTMode=on fails when it does not fit.
        List<String> command = new ArrayList<>(List.of(release.home.resolve("runtime/bin/java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(Arrays.asList(Files.readString(lib.resolve("junction.aot.opts")).strip().split(" +")));
        command.addAll(List.of("-XX:AOTCache=" + lib.resolve("junction.aot"), "-XX:AOTMode=on", "-Xlog:aot=info",
                "-jar", lib.resolve("junction.jar").toString(), "version"));
        assertThat(UnpackedRelease.run(command, dir)).contains("Using AOT-linked classes: true");
    }

    @Test
    void shipsTheThirdPartyNoticesOfTheBundledLibraries() throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(dir);
        String notices = Files.readString(release.home.resolve("THIRD-PARTY.txt"));
        assertThat(notices).contains("io.vertx:vertx-core:", "org.postgresql:postgresql:", "org.xerial:sqlite-jdbc:")
                .contains("licence: ");
        assertThat(release.home.resolve("runtime/legal")).isDirectory();
    }

    @Test
    void installScriptInstallsTheArchiveBehindALinkAndUninstallsIt() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "install.sh install needs root");
        Path prefix = dir.resolve("opt/junction");
        Path link = dir.resolve("bin/junction");
        Map<String, String> env = Map.of("JUNCTION_PREFIX", prefix.toString(), "JUNCTION_LINK", link.toString());
        String script = Path.of("../deploy/install.sh").toAbsolutePath().normalize().toString();
        assertThat(runWith(env, "bash", script, "install", System.getProperty("junction.release.archive")))
                .contains("installed junction 0.1.0", "in " + prefix);
        assertThat(runWith(Map.of(), link.toString(), "version")).contains("java 25");
        assertThat(runWith(env, "bash", script, "uninstall")).contains("removed");
        assertThat(prefix).doesNotExist();
        assertThat(link).doesNotExist();
    }

    private static String runWith(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private static ChatCompletionCreateParams ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text).build();
    }

    private static String text(ChatCompletion completion) {
        return completion.choices().getFirst().message().content().orElse("");
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(url)) {
            db.createStatement().execute(sql);
        }
    }
}
