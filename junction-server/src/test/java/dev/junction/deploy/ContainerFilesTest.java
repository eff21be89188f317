package dev.junction.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.GatewayConfig;
import dev.junction.config.ServerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The root {@code Dockerfile} and {@code deploy/compose.yaml} agree with the gateway and the release build. No
 * container engine runs where they were written: these checks read them, and run the image's health check against a
 * real gateway, but build and start nothing in a container.
 */
class ContainerFilesTest {

    /** The release build, the same in the Dockerfile, docs/deploy.md and the release archive's proof. */
    static final String RELEASE_BUILD = "./mvnw -B -Prelease -DskipTests -pl junction-dist -am package";

    private static final List<String> DOCKERFILE = instructions(DeployFiles.read("Dockerfile"));
    private static final JsonNode COMPOSE = DeployFiles.yaml(DeployFiles.read("deploy/compose.yaml"));

    @TempDir
    Path data;

    @Test
    void dockerfileBuildsWithTheReleaseBuildAndKeepsOnlyTheArchive() {
        assertThat(DOCKERFILE.stream().filter(i -> i.startsWith("FROM ")).count()).isGreaterThanOrEqualTo(2);
        assertThat(DOCKERFILE).anyMatch(i -> i.startsWith("RUN " + RELEASE_BUILD));
        assertThat(DeployFiles.read("docs/deploy.md")).contains(RELEASE_BUILD);
        assertThat(DOCKERFILE).contains("COPY --from=build /release /opt/junction");
        assertThat(DeployFiles.root().resolve("junction-dist/src/main/conf/junction.yaml")).isRegularFile();
        assertThat(last("CMD")).isEqualTo("CMD [\"serve\", \"--config\", \"/opt/junction/junction.yaml\"]");
        assertThat(last("ENTRYPOINT")).isEqualTo("ENTRYPOINT [\"/opt/junction/bin/junction\"]");
    }

    @Test
    void imageRunsAsANonRootUserWithItsDataInTheVolume() {
        String user = last("USER").substring("USER ".length());
        assertThat(user.split(":")[0]).isNotIn("root", "0");
        assertThat(last("VOLUME")).isEqualTo("VOLUME /data");
        assertThat(last("ENV")).contains("JUNCTION_DATA_DIR=/data", "TMPDIR=/tmp");
        assertThat(last("STOPSIGNAL")).isEqualTo("STOPSIGNAL SIGTERM");
        assertThat(DOCKERFILE).anyMatch(i -> i.startsWith("LABEL org.opencontainers.image.title="));
    }

    @Test
    void exposedPortIsTheDefaultOneOfTheGatewayAndOfTheSampleConfiguration() {
        assertThat(last("EXPOSE")).isEqualTo("EXPOSE " + ServerSettings.DEFAULTS.port());
        GatewayConfig sample = DeployFiles.load(DeployFiles.read("junction-dist/src/main/conf/junction.yaml"),
                Map.of());
        assertThat(sample.server().port()).isEqualTo(ServerSettings.DEFAULTS.port());
    }

    @Test
    void healthCheckSucceedsOnAServingGatewayAndFailsWithoutOne() throws Exception {
        Matcher command = Pattern.compile("CMD \\[\"bash\", \"-c\", \"(.*)\"]$").matcher(last("HEALTHCHECK"));
        assertThat(command.find()).isTrue();
        String script = command.group(1).replace("\\\\", "\\");
        assertThat(script).contains("/dev/tcp/127.0.0.1/" + ServerSettings.DEFAULTS.port(), "GET /health ");
        DeployFiles.withGateway("server: {host: 127.0.0.1}", data, port -> assertThat(bash(script
                .replace("/" + ServerSettings.DEFAULTS.port(), "/" + port))).isZero());
        assertThat(bash(script.replace("/" + ServerSettings.DEFAULTS.port(), "/" + DeployFiles.freePort())))
                .isNotZero();
    }

    @Test
    void composeReplicasLoadTheirConfigurationWithTheVariablesTheyAreGiven() throws Exception {
        for (String replica : List.of("junction-1", "junction-2")) {
            JsonNode service = COMPOSE.path("services").path(replica);
            Map<String, String> env = new HashMap<>();
            service.path("environment").properties().forEach(e -> env.put(e.getKey(), filled(e.getValue().asString())));
            assertThat(DeployFiles.knownVariables()).containsAll(env.keySet());
            assertThat(service.path("command").toString()).contains("/etc/junction/junction.yaml");
            assertThat(service.path("volumes").toString()).contains("./junction.yaml:/etc/junction/junction.yaml:ro");
            assertThat(service.path("read_only").asBoolean()).isTrue();
            GatewayConfig config = DeployFiles.load(DeployFiles.read("deploy/junction.yaml"), env);
            assertThat(DeployFiles.read("deploy/nginx.conf")).contains("server " + replica + ":" + config.server().port());
            assertThat(DeployFiles.read("deploy/prometheus/prometheus.yml")).contains(replica + ":" + config.server().port());
            long grace = Long.parseLong(service.path("stop_grace_period").asString().replace("s", ""));
            assertThat(grace).isGreaterThan(config.server().drainTimeout().toSeconds());
        }
    }

    @Test
    void everySecretComposeRequiresIsListedInTheEnvExample() {
        Matcher required = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(DeployFiles.read("deploy/compose.yaml"));
        String example = DeployFiles.read("deploy/.env.example");
        List<String> names = new ArrayList<>();
        while (required.find()) {
            names.add(required.group(1));
        }
        assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(example).contains("\n" + n + "="));
        assertThat(DeployFiles.read(".gitignore")).contains("deploy/.env");
    }

    @Test
    void grafanaIsProvisionedWithTheDashboardAndPrometheus() {
        JsonNode grafana = COMPOSE.path("services").path("grafana");
        assertThat(grafana.path("volumes").toString()).contains("./grafana/junction-dashboard.json");
        assertThat(DeployFiles.root().resolve("deploy/grafana/junction-dashboard.json")).isRegularFile();
        JsonNode sources = DeployFiles.yaml(DeployFiles.read("deploy/grafana/provisioning/datasources/prometheus.yaml"));
        assertThat(sources.path("datasources").path(0).path("url").asString()).isEqualTo("http://prometheus:9090");
        assertThat(DeployFiles.read("deploy/prometheus/prometheus.yml")).contains("credentials_file: /run/secrets/metrics_token");
    }

    /** A compose value with its {@code ${VAR:?...}} / {@code ${VAR:-...}} replaced by a value of the right shape. */
    private static String filled(String value) {
        return value.replaceAll("\\$\\{[A-Z_]+:-[^}]*}", "").replaceAll("\\$\\{[A-Z_]+:\\?[^}]*}",
                "a secret value of thirty-two characters or more");
    }

    private String last(String keyword) {
        return DOCKERFILE.stream().filter(i -> i.startsWith(keyword + " ")).reduce((a, b) -> b).orElseThrow();
    }

    private static int bash(String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    /** The Dockerfile's instructions, continuation lines joined, comments and blank lines left out. */
    private static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || stripped.isEmpty()) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            out.add(current.append(stripped).toString().replaceAll("\\s+", " "));
            current.setLength(0);
        }
        return out;
    }
}
