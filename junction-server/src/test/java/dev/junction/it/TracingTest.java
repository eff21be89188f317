package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.OtlpReceiver;
import dev.junction.testkit.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Traces over OTLP to the testkit's receiver: a SERVER span per request with GenAI and Junction attributes, a CLIENT
 * child per upstream attempt, the client's {@code traceparent} continued, each upstream request's {@code traceparent}
 * naming its attempt's span, the request
 * log line as a log record, the collector's credentials in the export's headers and no secret in its payload.
 */
class TracingTest {

    private static final String UPSTREAM_KEY = "sk-upstream-secret-abcdef123456";
    /** A Grafana Cloud token: {@code glc_} and the base64 of JSON whose {@code o} is the instance id. */
    private static final String GLC_TOKEN = "glc_" + Base64.getEncoder().encodeToString(
            "{\"o\":\"424242\",\"n\":\"junction-tests\",\"k\":\"abcdef\",\"m\":{\"r\":\"prod-eu-west-0\"}}"
                    .getBytes(StandardCharsets.UTF_8));
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String YAML = """
            keys: [{name: tests, key: %s}]
            routes:
              resilient:
                steps:
                  - {provider: openai, model: primary-model}
                  - {provider: openai, model: backup-model}
            tracing:
              logs: true
              resource_attributes: {deployment.environment: test}
            """.formatted(Gateway.KEY);

    private static MockUpstream upstream;
    private static OtlpReceiver receiver;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        receiver = OtlpReceiver.start();
        gateway = Gateway.start(YAML, Map.of("OPENAI_BASE_URL", upstream.baseUrl(), "OPENAI_API_KEY", UPSTREAM_KEY,
                "OTLP_ENDPOINT", "127.0.0.1:" + receiver.port(), "OTLP_API_KEY", GLC_TOKEN,
                "OTEL_SERVICE_NAME", "junction-under-test"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        receiver.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
        gateway.server().health().resetAll();
    }

    private static HttpResponse<String> chat(String model, String... extraHeaders) {
        String[] headers = new String[extraHeaders.length + 2];
        headers[0] = "authorization";
        headers[1] = "Bearer " + Gateway.KEY;
        System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
        return gateway.post("/v1/chat/completions", "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello traces\"}]}", headers);
    }

    private static ReceivedSpan requestSpan(HttpResponse<String> response) {
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        return receiver.awaitSpan(s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER
                        && s.attribute("junction.request_id").orElse("").equals(id), WAIT)
                .orElseThrow(() -> new AssertionError("no request span for " + id + " in " + receiver.spans()));
    }

    private static List<ReceivedSpan> children(ReceivedSpan parent, int count) {
        receiver.awaitSpan(s -> receiver.spans().stream().filter(c -> c.parentSpanId().equals(parent.spanId()))
                .count() >= count, WAIT);
        return receiver.spans().stream().filter(c -> c.parentSpanId().equals(parent.spanId())).toList();
    }

    @Test
    void aRequestSpanCarriesGenAiAndJunctionAttributesWithItsAttemptAsChild() {
        HttpResponse<String> response = chat("openai/gpt-4o-mini");
        assertThat(response.statusCode()).isEqualTo(200);

        ReceivedSpan span = requestSpan(response);
        assertThat(span.name()).isEqualTo("chat openai/gpt-4o-mini");
        assertThat(span.parentSpanId()).as("a root span without a client traceparent").isEmpty();
        assertThat(span.attributes()).containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.request.model", "openai/gpt-4o-mini")
                .containsEntry("gen_ai.response.model", "gpt-4o-mini")
                .containsEntry("junction.deployment", "openai/gpt-4o-mini")
                .containsEntry("junction.key_name", "tests")
                .containsEntry("http.response.status_code", "200")
                .containsEntry("gen_ai.response.finish_reasons", "stop")
                .containsKeys("junction.route", "junction.cost.charged_usd");
        assertThat(Long.parseLong(span.attributes().get("gen_ai.usage.input_tokens"))).isPositive();
        assertThat(Long.parseLong(span.attributes().get("gen_ai.usage.output_tokens"))).isPositive();
        assertThat(span.resource()).containsEntry("service.name", "junction-under-test")
                .containsEntry("deployment.environment", "test");

        assertThat(children(span, 1)).singleElement().satisfies(attempt -> {
            assertThat(attempt.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(attempt.traceId()).isEqualTo(span.traceId());
            assertThat(attempt.attributes()).containsEntry("gen_ai.request.model", "gpt-4o-mini")
                    .containsEntry("junction.deployment", "openai/gpt-4o-mini")
                    .containsEntry("http.response.status_code", "200");
            assertThat(attempt.span().getStartTimeUnixNano()).isGreaterThanOrEqualTo(span.span()
                    .getStartTimeUnixNano());
            assertThat(attempt.span().getEndTimeUnixNano()).isLessThanOrEqualTo(span.span().getEndTimeUnixNano());
        });
    }

    /**
     * The finish reason reaches the span whatever path the answer took: relayed untouched as JSON or as a stream
     * (found on the bytes), or translated for an Anthropic client (from the canonical answer); in one vocabulary.
     */
    @Test
    void theFinishReasonIsOnTheSpanOnEveryPath() {
        upstream.enqueue(Behavior.toolCalls());
        HttpResponse<String> json = chat("openai/gpt-4o-mini");
        upstream.enqueue(Behavior.toolCalls());
        HttpResponse<String> streamed = gateway.post("/v1/chat/completions", "{\"model\":\"openai/gpt-4o-mini\","
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello traces\"}]}",
                "authorization", "Bearer " + Gateway.KEY);
        HttpResponse<String> translated = gateway.post("/v1/messages", "{\"model\":\"openai/gpt-4o-mini\","
                + "\"max_tokens\":32,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", Gateway.KEY, "anthropic-version", "2023-06-01");

        assertThat(List.of(json, streamed, translated)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(requestSpan(json).attributes()).containsEntry("gen_ai.response.finish_reasons", "tool_calls");
        assertThat(requestSpan(streamed).attributes()).containsEntry("gen_ai.response.finish_reasons", "tool_calls");
        assertThat(requestSpan(translated).attributes()).containsEntry("gen_ai.response.finish_reasons", "stop");
        assertThat(children(requestSpan(json), 1).getFirst().attributes())
                .containsEntry("gen_ai.response.finish_reasons", "tool_calls");
    }

    @Test
    void aFailoverRouteGivesTheRequestSpanOneChildPerAttempt() {
        upstream.enqueue(Behavior.status(500));
        HttpResponse<String> response = chat("resilient");
        assertThat(response.statusCode()).isEqualTo(200);

        ReceivedSpan span = requestSpan(response);
        assertThat(span.attributes()).containsEntry("junction.route", "resilient")
                .containsEntry("junction.attempts", "2")
                .containsEntry("gen_ai.response.model", "backup-model");
        List<ReceivedSpan> attempts = children(span, 2);
        assertThat(attempts).hasSize(2).allSatisfy(a -> assertThat(a.kind())
                .isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT));
        ReceivedSpan failed = attempts.stream().filter(a -> a.attribute("gen_ai.request.model").orElse("")
                .equals("primary-model")).findFirst().orElseThrow();
        ReceivedSpan answered = attempts.stream().filter(a -> a.attribute("gen_ai.request.model").orElse("")
                .equals("backup-model")).findFirst().orElseThrow();
        assertThat(failed.attributes()).containsEntry("error.type", "upstream_error")
                .containsEntry("http.response.status_code", "502");
        assertThat(failed.span().getStatus().getCode()).isEqualTo(
                io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(answered.attributes()).doesNotContainKey("error.type")
                .containsEntry("gen_ai.response.model", "backup-model");
        assertThat(failed.span().getEndTimeUnixNano()).isLessThanOrEqualTo(answered.span().getStartTimeUnixNano());
        assertThat(upstream.requests()).extracting(r -> r.headers().get("traceparent").getFirst().substring(0, 52))
                .as("each upstream request names its own attempt's span (flags aside)")
                .containsExactly("00-" + span.traceId() + "-" + failed.spanId(),
                        "00-" + span.traceId() + "-" + answered.spanId());
    }

    @Test
    void aClientTraceparentMakesTheRequestSpanItsChildAndReachesTheUpstream() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parent = "00f067aa0ba902b7";
        HttpResponse<String> response = chat("openai/gpt-4o-mini", "traceparent", "00-" + traceId + "-" + parent
                + "-01", "tracestate", "vendor=opaque");
        assertThat(response.statusCode()).isEqualTo(200);

        ReceivedSpan span = requestSpan(response);
        assertThat(span.traceId()).isEqualTo(traceId);
        assertThat(span.parentSpanId()).isEqualTo(parent);
        assertThat(span.span().getTraceState()).isEqualTo("vendor=opaque");

        ReceivedSpan attempt = children(span, 1).getFirst();
        String sent = upstream.lastRequest().orElseThrow().headers().get("traceparent").getFirst();
        assertThat(sent).as("the upstream's parent is the attempt's span")
                .isEqualTo("00-" + traceId + "-" + attempt.spanId() + "-01");
        assertThat(upstream.lastRequest().orElseThrow().headers().get("tracestate")).containsExactly("vendor=opaque");
    }

    @Test
    void anUntracedClientStillGetsATraceparentToTheUpstream() {
        HttpResponse<String> response = chat("openai/gpt-4o-mini");
        ReceivedSpan span = requestSpan(response);
        ReceivedSpan attempt = children(span, 1).getFirst();
        assertThat(upstream.lastRequest().orElseThrow().headers().get("traceparent")).singleElement()
                .asString().startsWith("00-" + span.traceId() + "-" + attempt.spanId() + "-")
                .satisfies(flags -> assertThat(Integer.parseInt(flags.substring(53), 16) & 1)
                        .as("sampled").isEqualTo(1));
    }

    @Test
    void anEmbeddingsRequestIsTracedAndItsUpstreamNamesTheAttempt() {
        HttpResponse<String> response = gateway.post("/v1/embeddings",
                "{\"model\":\"openai/text-embedding-3-small\",\"input\":\"hello\"}",
                "authorization", "Bearer " + Gateway.KEY);
        assertThat(response.statusCode()).isEqualTo(200);

        ReceivedSpan span = requestSpan(response);
        assertThat(span.name()).isEqualTo("embeddings openai/text-embedding-3-small");
        assertThat(span.attributes()).containsEntry("gen_ai.operation.name", "embeddings");
        ReceivedSpan attempt = children(span, 1).getFirst();
        assertThat(upstream.lastRequest().orElseThrow().headers().get("traceparent")).singleElement().asString()
                .startsWith("00-" + span.traceId() + "-" + attempt.spanId() + "-");
    }

    @Test
    void anInProcessProviderStillGetsItsAttemptSpan() {
        ReceivedSpan span = requestSpan(chat("mock/echo"));
        assertThat(children(span, 1)).singleElement().satisfies(attempt -> {
            assertThat(attempt.name()).isEqualTo("chat echo");
            assertThat(attempt.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(attempt.attributes()).containsEntry("gen_ai.provider.name", "mock")
                    .containsEntry("junction.deployment", "mock/echo");
        });
    }

    @Test
    void theRequestLogLineGoesOutAsALogRecordWithoutSecrets() {
        HttpResponse<String> response = chat("openai/gpt-4o-mini");
        String id = response.headers().firstValue("x-request-id").orElseThrow();

        var record = receiver.awaitLog(l -> OtlpReceiver.attributes(l).getOrDefault("request_id", "").equals(id),
                WAIT).orElseThrow(() -> new AssertionError("no log record for " + id));
        assertThat(record.getBody().getStringValue()).isEqualTo("request");
        assertThat(OtlpReceiver.attributes(record)).containsEntry("key", "tests").containsEntry("status", "200")
                .containsEntry("model", "openai/gpt-4o-mini").containsEntry("endpoint", "/v1/chat/completions");
        requestSpan(response);
        assertThat(receiver.allPayloadText()).doesNotContain(UPSTREAM_KEY).doesNotContain(Gateway.KEY)
                .doesNotContain("hello traces");
    }

    @Test
    void exportsCarryTheGrafanaCloudBasicCredentialsOfTheApiKey() {
        HttpResponse<String> response = chat("openai/gpt-4o-mini");
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        requestSpan(response);
        assertThat(receiver.awaitLog(l -> OtlpReceiver.attributes(l).getOrDefault("request_id", "").equals(id),
                WAIT)).isPresent();
        String expected = "Basic " + Base64.getEncoder().encodeToString(("424242:" + GLC_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(receiver.requests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.headers()).containsEntry("authorization", expected)
                    .containsEntry("content-type", "application/x-protobuf");
        });
        assertThat(receiver.requests()).extracting(OtlpReceiver.Received::path).contains("/v1/traces", "/v1/logs");
    }
}
