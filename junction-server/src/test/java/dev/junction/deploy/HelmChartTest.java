package dev.junction.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code deploy/k8s/} is the Helm chart rendered with its default values ({@code deploy/k8s/optional/}: the
 * templates that are off by default, rendered switched on), byte for byte. To regenerate after changing the chart,
 * run this test with {@code -Djunction.deploy.regenerate=true}.
 */
class HelmChartTest {

    private static final Path CHART = DeployFiles.root().resolve("deploy/helm/junction");
    private static final Path PLAIN = DeployFiles.root().resolve("deploy/k8s");
    private static final List<String> OPTIONAL = List.of("servicemonitor.yaml", "ingress.yaml");

    @Test
    void plainManifestsAreTheChartRenderedWithItsDefaultValues() throws Exception {
        ChartRenderer renderer = new ChartRenderer(CHART, ChartRenderer.defaults(CHART));
        for (String template : templates()) {
            String rendered = renderer.render(template);
            Path plain = PLAIN.resolve(template);
            if (rendered.isBlank()) {
                assertThat(plain).as(template + " is off by default").doesNotExist();
                continue;
            }
            compareOrRegenerate(plain, rendered);
        }
    }

    @Test
    void optionalManifestsAreTheChartRenderedWithThemSwitchedOn() throws Exception {
        JsonNode values = ChartRenderer.defaults(CHART);
        ((ObjectNode) values.path("serviceMonitor")).put("enabled", true);
        ((ObjectNode) values.path("ingress")).put("enabled", true);
        ChartRenderer renderer = new ChartRenderer(CHART, values);
        for (String template : OPTIONAL) {
            String rendered = renderer.render(template);
            assertThat(rendered).as(template).isNotBlank();
            compareOrRegenerate(PLAIN.resolve("optional").resolve(template), rendered);
        }
    }

    @Test
    void everyTemplateIsOneKubernetesObjectWhenRendered() throws Exception {
        JsonNode values = ChartRenderer.defaults(CHART);
        ((ObjectNode) values.path("serviceMonitor")).put("enabled", true);
        ((ObjectNode) values.path("ingress")).put("enabled", true);
        ChartRenderer renderer = new ChartRenderer(CHART, values);
        for (String template : templates()) {
            JsonNode object = DeployFiles.yaml(renderer.render(template));
            assertThat(object.path("apiVersion").asString()).as(template).isNotBlank();
            assertThat(object.path("kind").asString()).as(template).isNotBlank();
            assertThat(object.path("metadata").path("name").asString()).as(template).isEqualTo("junction");
        }
    }

    private static List<String> templates() throws Exception {
        try (Stream<Path> files = Files.list(CHART.resolve("templates"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
    }

    private static void compareOrRegenerate(Path plain, String rendered) throws Exception {
        if (Boolean.getBoolean("junction.deploy.regenerate")) {
            Files.createDirectories(plain.getParent());
            Files.writeString(plain, rendered);
        }
        assertThat(plain).as("regenerate with -Djunction.deploy.regenerate=true").hasContent(rendered);
    }
}
