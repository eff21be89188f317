package dev.junction.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The plain manifests in {@code deploy/k8s/} (the chart rendered, see {@link HelmChartTest}) parse, and agree with
 * the gateway: the port its configuration listens on, probe paths it answers 200 on, environment variables it reads,
 * the configuration file where {@code serve} is told to find it, a pod that can run on a read-only root.
 */
class KubernetesManifestsTest {

    private static final JsonNode DEPLOYMENT = DeployFiles.yaml(DeployFiles.read("deploy/k8s/deployment.yaml"));
    private static final JsonNode POD = DEPLOYMENT.path("spec").path("template").path("spec");
    private static final JsonNode CONTAINER = POD.path("containers").path(0);
    private static final String CONFIG = DeployFiles.yaml(DeployFiles.read("deploy/k8s/configmap.yaml"))
            .path("data").path("junction.yaml").asString();

    @TempDir
    Path data;

    @Test
    void everyManifestParsesAsAKubernetesObject() throws Exception {
        try (Stream<Path> files = Files.walk(DeployFiles.root().resolve("deploy/k8s"))) {
            List<Path> manifests = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertThat(manifests).hasSizeGreaterThanOrEqualTo(8);
            for (Path manifest : manifests) {
                JsonNode object = DeployFiles.yaml(Files.readString(manifest));
                assertThat(object.path("apiVersion").asString()).as(manifest.toString()).isNotBlank();
                assertThat(object.path("kind").asString()).as(manifest.toString()).isNotBlank();
                assertThat(object.path("metadata").path("name").asString()).as(manifest.toString()).isNotBlank();
            }
        }
    }

    @Test
    void containerPortIsThePortItsConfigurationListensOn() {
        GatewayConfig config = DeployFiles.load(CONFIG, secretsAsTheyWouldBe());
        assertThat(CONTAINER.path("ports").path(0).path("containerPort").asInt()).isEqualTo(config.server().port());
        assertThat(CONTAINER.path("ports").path(0).path("name").asString()).isEqualTo("http");
    }

    @Test
    void probesAskPathsTheGatewayAnswersWithOk() throws Exception {
        List<JsonNode> probes = List.of(CONTAINER.path("startupProbe"), CONTAINER.path("livenessProbe"),
                CONTAINER.path("readinessProbe"));
        assertThat(probes).allSatisfy(p -> assertThat(p.path("httpGet").path("port").asString()).isEqualTo("http"));
        assertThat(CONTAINER.path("livenessProbe").path("httpGet").path("path").asString()).isEqualTo("/health");
        assertThat(CONTAINER.path("readinessProbe").path("httpGet").path("path").asString()).isEqualTo("/ready");
        DeployFiles.withGateway(CONFIG, data, port -> {
            for (JsonNode probe : probes) {
                assertThat(DeployFiles.get(port, probe.path("httpGet").path("path").asString())).isEqualTo(200);
            }
        });
    }

    @Test
    void containerSetsOnlyVariablesJunctionReads() throws Exception {
        List<String> names = new ArrayList<>();
        CONTAINER.path("env").forEach(e -> names.add(e.path("name").asString()));
        assertThat(names).contains("JUNCTION_SECRET_KEY", "JUNCTION_ADMIN_KEY", "JUNCTION_DATABASE_URL",
                "JUNCTION_REDIS_URL");
        assertThat(DeployFiles.knownVariables()).containsAll(names);
    }

    @Test
    void configurationIsMountedWhereServeIsToldToReadIt() {
        List<String> args = new ArrayList<>();
        CONTAINER.path("args").forEach(a -> args.add(a.asString()));
        assertThat(args).startsWith("serve");
        Path file = Path.of(args.get(args.indexOf("--config") + 1));
        JsonNode mount = find(CONTAINER.path("volumeMounts"), "mountPath", file.getParent().toString());
        JsonNode volume = find(POD.path("volumes"), "name", mount.path("name").asString());
        assertThat(volume.path("configMap").path("name").asString()).isEqualTo("junction");
        assertThat(CONFIG).isNotBlank();
        assertThat(file.getFileName().toString()).isEqualTo("junction.yaml");
    }

    @Test
    void podRunsAsNonRootOnAReadOnlyRootWithItsDataDirectoryAndTmpWritable() {
        assertThat(POD.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(CONTAINER.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(CONTAINER.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        String dataDir = find(CONTAINER.path("env"), "name", "JUNCTION_DATA_DIR").path("value").asString();
        for (String writable : List.of(dataDir, "/tmp")) {
            JsonNode mount = find(CONTAINER.path("volumeMounts"), "mountPath", writable);
            assertThat(mount.path("readOnly").asBoolean(false)).as(writable).isFalse();
            assertThat(find(POD.path("volumes"), "name", mount.path("name").asString()).has("emptyDir")).isTrue();
        }
    }

    @Test
    void gracePeriodCoversThePreStopPauseAndTheDrain() {
        GatewayConfig config = DeployFiles.load(CONFIG, secretsAsTheyWouldBe());
        JsonNode command = CONTAINER.path("lifecycle").path("preStop").path("exec").path("command");
        assertThat(command.path(0).asString()).isEqualTo("sleep");
        long preStop = Long.parseLong(command.path(1).asString());
        assertThat(POD.path("terminationGracePeriodSeconds").asLong())
                .isGreaterThan(preStop + config.server().drainTimeout().toSeconds());
    }

    @Test
    void serviceBudgetAndAutoscalerTargetTheDeploymentsPods() {
        JsonNode labels = DEPLOYMENT.path("spec").path("template").path("metadata").path("labels");
        JsonNode service = DeployFiles.yaml(DeployFiles.read("deploy/k8s/service.yaml"));
        assertThat(service.path("spec").path("selector")).isEqualTo(labels);
        assertThat(service.path("spec").path("ports").path(0).path("targetPort").asString()).isEqualTo("http");
        JsonNode budget = DeployFiles.yaml(DeployFiles.read("deploy/k8s/pdb.yaml"));
        assertThat(budget.path("spec").path("selector").path("matchLabels")).isEqualTo(labels);
        JsonNode autoscaler = DeployFiles.yaml(DeployFiles.read("deploy/k8s/hpa.yaml"));
        assertThat(autoscaler.path("spec").path("scaleTargetRef").path("name").asString())
                .isEqualTo(DEPLOYMENT.path("metadata").path("name").asString());
        JsonNode monitor = DeployFiles.yaml(DeployFiles.read("deploy/k8s/optional/servicemonitor.yaml"));
        assertThat(monitor.path("spec").path("endpoints").path(0).path("path").asString()).isEqualTo("/metrics");
    }

    /** The environment the Secret would give: values of the right shape, never connected to. */
    private static Map<String, String> secretsAsTheyWouldBe() {
        Map<String, String> env = new HashMap<>();
        env.put("JUNCTION_SECRET_KEY", "a passphrase of thirty-two characters or more");
        env.put("JUNCTION_ADMIN_KEY", "admin-key-0123456789");
        env.put("JUNCTION_METRICS_TOKEN", "metrics-token-0123456789");
        env.put("JUNCTION_DATABASE_URL", "jdbc:postgresql://postgres:5432/junction");
        env.put("JUNCTION_REDIS_URL", "redis://redis:6379");
        env.put("JUNCTION_DATA_DIR", "/data");
        return env;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (element.path(field).asString().equals(value)) {
                return element;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }
}
