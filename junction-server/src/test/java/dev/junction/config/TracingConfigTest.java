package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.provider.ProviderCatalog;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code tracing:} section and the OTLP environment: endpoints, headers, credentials, precedence. */
class TracingConfigTest {

    private static TracingSettings tracing(String yaml, Map<String, String> env) {
        return new ConfigLoader(ProviderCatalog.bundled(), env).loadYaml(yaml, "test.yaml").observability().tracing();
    }

    private static TracingSettings env(Map<String, String> env) {
        return tracing("{}", env);
    }

    private static String glc(String json) {
        return "glc_" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void offUnlessAnEndpointIsConfigured() {
        assertThat(env(Map.of())).isEqualTo(TracingSettings.DEFAULT);
        assertThat(env(Map.of("OTLP_API_KEY", "secret", "OTEL_SERVICE_NAME", "gw")).enabled()).isFalse();
        assertThat(tracing("tracing: {logs: true, sample_ratio: 0.5}", Map.of()).enabled()).isFalse();
        assertThat(env(Map.of("OTLP_ENDPOINT", "collector:4318")).enabled()).isTrue();
    }

    @Test
    void aHostAndPortGetsHttpAndEachSignalItsPath() {
        TracingSettings s = env(Map.of("OTLP_ENDPOINT", "collector:4318"));
        assertThat(s.tracesEndpoint()).contains("http://collector:4318/v1/traces");
        assertThat(s.logsEndpoint()).contains("http://collector:4318/v1/logs");
    }

    @Test
    void aFullUrlKeepsItsPathAndASignalPathIsNotDoubled() {
        assertThat(OtlpEnvironment.tracesUrl("https://otlp-gateway-prod-eu-west-2.grafana.net/otlp"))
                .isEqualTo("https://otlp-gateway-prod-eu-west-2.grafana.net/otlp/v1/traces");
        assertThat(OtlpEnvironment.tracesUrl("https://collector.example/v1/traces"))
                .isEqualTo("https://collector.example/v1/traces");
        assertThat(OtlpEnvironment.logsUrl("https://collector.example/v1/traces/"))
                .isEqualTo("https://collector.example/v1/logs");
        assertThat(OtlpEnvironment.tracesUrl(" http://10.0.0.5:4318/ ")).isEqualTo("http://10.0.0.5:4318/v1/traces");
    }

    @Test
    void theStandardVariablesWinAndTheSignalEndpointIsTakenAsItIs() {
        TracingSettings s = env(Map.of("OTLP_ENDPOINT", "simple:4318",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://standard:4318/",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces-only:9999/custom"));
        assertThat(s.tracesEndpoint()).contains("http://traces-only:9999/custom");
        assertThat(s.logsEndpoint()).contains("http://standard:4318/v1/logs");
        assertThat(env(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://standard:4318/v1/traces")).tracesEndpoint())
                .as("the standard base URL always gets the path appended")
                .contains("http://standard:4318/v1/traces/v1/traces");
    }

    @Test
    void theFileWinsOverTheEnvironmentAndCanTurnTracingOff() {
        TracingSettings s = tracing("""
                tracing:
                  endpoint: https://file.example:4318
                  headers: {X-Scope-OrgID: tenant-a}
                  service_name: from-file
                  sample_ratio: 0.25
                  logs: true
                  queue_size: 64
                """, Map.of("OTLP_ENDPOINT", "env:4318", "OTLP_HEADERS", "x-scope-orgid=tenant-b,x-extra=1",
                "OTEL_SERVICE_NAME", "from-env"));
        assertThat(s.tracesEndpoint()).contains("https://file.example:4318/v1/traces");
        assertThat(s.headers()).containsEntry("x-scope-orgid", "tenant-a").containsEntry("x-extra", "1");
        assertThat(s.serviceName()).isEqualTo("from-file");
        assertThat(s.sampleRatio()).isEqualTo(0.25);
        assertThat(s.exportsLogs()).isTrue();
        assertThat(s.queueSize()).isEqualTo(64);
        assertThat(tracing("tracing: {enabled: false}", Map.of("OTLP_ENDPOINT", "env:4318")).enabled()).isFalse();
        assertThat(env(Map.of("OTLP_ENDPOINT", "env:4318", "OTEL_SDK_DISABLED", "true")).enabled()).isFalse();
    }

    @Test
    void headerListsAreParsedDecodedAndAddUp() {
        assertThat(OtlpEnvironment.pairs(" Authorization = Basic%20abc== , x-b=2,broken, =nokey,x-c=a=b", true))
                .containsExactly(Map.entry("authorization", "Basic abc=="), Map.entry("x-b", "2"),
                        Map.entry("x-c", "a=b"));
        TracingSettings s = env(Map.of("OTLP_ENDPOINT", "c:4318",
                "OTEL_EXPORTER_OTLP_HEADERS", "x-a=standard,x-b=standard",
                "OTLP_HEADERS", "x-b=simple"));
        assertThat(s.headers()).containsEntry("x-a", "standard").containsEntry("x-b", "simple");
    }

    @Test
    void aGrafanaCloudTokenBecomesInstanceAndTokenBasicCredentials() {
        String token = glc("{\"o\":\"1234567\",\"n\":\"stack-otlp\",\"k\":\"secretpart\",\"m\":{\"r\":\"eu\"}}");
        assertThat(OtlpEnvironment.grafanaInstance(token)).contains("1234567");
        assertThat(env(Map.of("OTLP_ENDPOINT", "c:4318", "OTLP_API_KEY", token)).headers())
                .containsEntry("authorization", basic("1234567:" + token));
        String unpadded = token.replace("=", "");
        assertThat(OtlpEnvironment.grafanaInstance(unpadded)).contains("1234567");
        String numeric = glc("{\"o\":987,\"k\":\"x\"}");
        assertThat(OtlpEnvironment.grafanaInstance(numeric)).contains("987");
    }

    @Test
    void otherApiKeysAreUsedAsGiven() {
        assertThat(OtlpEnvironment.authorization("dXNlcjpwYXNz")).isEqualTo("Basic dXNlcjpwYXNz");
        assertThat(OtlpEnvironment.authorization("user:pass")).isEqualTo(basic("user:pass"));
        assertThat(OtlpEnvironment.authorization("glc_not-base64-json!")).isEqualTo("Basic glc_not-base64-json!");
        assertThat(OtlpEnvironment.grafanaInstance(glc("{\"n\":\"no org\"}"))).isEmpty();
    }

    @Test
    void resourceAttributesAndServiceName() {
        TracingSettings s = env(Map.of("OTLP_ENDPOINT", "c:4318",
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod,service.name=from-attributes",
                "OTLP_RESOURCE_ATTRIBUTES", "region=eu"));
        assertThat(s.resourceAttributes()).containsEntry("deployment.environment", "prod")
                .containsEntry("region", "eu").doesNotContainKey("service.name");
        assertThat(s.serviceName()).isEqualTo("from-attributes");
        assertThat(env(Map.of("OTLP_ENDPOINT", "c:4318", "OTLP_SERVICE_NAME", "simple")).serviceName())
                .isEqualTo("simple");
        assertThat(env(Map.of("OTLP_ENDPOINT", "c:4318")).serviceName()).isEqualTo("junction");
    }

    @Test
    void theSettingsNeverPrintTheirCredentials() {
        TracingSettings s = env(Map.of("OTLP_ENDPOINT", "c:4318", "OTLP_API_KEY", "user:very-secret-token"));
        assertThat(s.toString()).contains("authorization=***").doesNotContain("very-secret-token")
                .doesNotContain(s.headers().get("authorization"));
    }

    @Test
    void badValuesAreReported() {
        assertThatThrownBy(() -> tracing("tracing: {sample_ratio: 2, endpoint: 'ftp://x', bogus: 1}", Map.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anyMatch(p -> p.contains("bogus"))
                        .anyMatch(p -> p.contains("tracing.endpoint")));
        assertThatThrownBy(() -> tracing("tracing: {headers: {a: [1]}}", Map.of("OTLP_ENDPOINT", "c:4318")))
                .isInstanceOf(ConfigException.class);
        assertThat(Optional.of(env(Map.of("OTLP_ENDPOINT", "c:4318")).sampleRatio())).contains(1.0);
    }
}
