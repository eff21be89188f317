package dev.junction.deploy;

import dev.junction.config.ConfigLoader;
import dev.junction.config.GatewayConfig;
import dev.junction.provider.ProviderCatalog;
import dev.junction.provider.ProviderPreset;
import dev.junction.server.GatewayServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the deployment files under {@code deploy/} (and the root {@code Dockerfile}) are checked against: the
 * repository's files, the environment variables the gateway and its launcher really read, its configuration loaded
 * by the real {@link ConfigLoader}, and a real {@link GatewayServer} to ask the probe paths of. Stateless.
 */
final class DeployFiles {

    private static final Pattern ENV_LITERAL = Pattern.compile("\"((?:JUNCTION|OTLP|OTEL)_[A-Z0-9_]+)\"");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    private DeployFiles() {}

    /** The repository's root (the tests run in junction-server/). */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("deploy")) || !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    static String read(String path) {
        try {
            return Files.readString(root().resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String text) {
        return YAMLMapper.builder().build().readTree(text);
    }

    /**
     * Every environment variable Junction reads: the names the server's sources spell out, the catalog presets'
     * {@code <PREFIX>_API_KEY} and {@code <PREFIX>_BASE_URL}, and the launcher's own variables.
     */
    static Set<String> knownVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(root().resolve("junction-server/src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher literal = ENV_LITERAL.matcher(Files.readString(source));
                while (literal.find()) {
                    names.add(literal.group(1));
                }
            }
        }
        for (ProviderPreset preset : ProviderCatalog.bundled().all()) {
            names.add(preset.envPrefix() + "_API_KEY");
            names.add(preset.envPrefix() + "_BASE_URL");
        }
        Matcher launcher = SHELL_VARIABLE.matcher(read("junction-dist/src/main/bin/junction-jvm.sh"));
        while (launcher.find()) {
            names.add(launcher.group(1));
        }
        return names;
    }

    /** The configuration file's text loaded as {@code serve} would, with the environment given. */
    static GatewayConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(ProviderCatalog.bundled(), env).loadYaml(yaml, "deploy file");
    }

    /** Starts the configuration on a free loopback port with its store in {@code dataDir}, runs {@code check}. */
    static void withGateway(String yaml, Path dataDir, GatewayCheck check) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("JUNCTION_DATA_DIR", dataDir.toString()));
        GatewayConfig config = load(yaml, env);
        config = config.withServer(config.server().withPort(freePort()));
        GatewayServer server = GatewayServer.start(config);
        try {
            check.run(server.port());
        } finally {
            server.stop();
        }
    }

    /** The status of {@code GET path} on the gateway at {@code port}. */
    static int get(int port, String path) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A check against a running gateway. */
    interface GatewayCheck {
        void run(int port) throws Exception;
    }
}
