package dev.junction.testkit;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An OTLP/HTTP collector for tests: accepts {@code POST /v1/traces} and {@code POST /v1/logs} in protobuf on
 * 127.0.0.1 and a random port, decodes them with OpenTelemetry's generated classes, and keeps what arrived: the
 * spans, the log records, the resource attributes, each request's headers and its raw bytes (to look for what must not
 * be there). Thread safe; close it after use.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** A received span with the resource attributes of its batch. */
    public record ReceivedSpan(Span span, Map<String, String> resource) {

        public String name() {
            return span.getName();
        }

        public String traceId() {
            return HexFormat.of().formatHex(span.getTraceId().toByteArray());
        }

        public String spanId() {
            return HexFormat.of().formatHex(span.getSpanId().toByteArray());
        }

        /** The parent's span id in hex; empty string for a root span. */
        public String parentSpanId() {
            return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
        }

        public Span.SpanKind kind() {
            return span.getKind();
        }

        /** The attributes as strings (numbers and booleans in their text form, arrays joined by commas). */
        public Map<String, String> attributes() {
            return OtlpReceiver.attributes(span.getAttributesList());
        }

        public Optional<String> attribute(String key) {
            return Optional.ofNullable(attributes().get(key));
        }
    }

    /** One export request as received. */
    public record Received(String path, Map<String, String> headers, byte[] body) {
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    private final List<Received> requests = new CopyOnWriteArrayList<>();

    private OtlpReceiver(Vertx vertx) {
        this.vertx = vertx;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        try {
            server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("The OTLP receiver could not listen", e);
        }
    }

    /** Starts a receiver with its own Vert.x; blocks until it listens. */
    public static OtlpReceiver start() {
        return new OtlpReceiver(Vertx.vertx());
    }

    /** {@code http://127.0.0.1:port}: the base URL an exporter appends {@code /v1/traces} to. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public int port() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            byte[] bytes = body.getBytes();
            Map<String, String> headers = request.headers().entries().stream().collect(Collectors.toMap(
                    e -> e.getKey().toLowerCase(java.util.Locale.ROOT), Map.Entry::getValue, (a, b) -> a + "," + b));
            if (!"POST".equals(request.method().name())) {
                request.response().setStatusCode(405).end();
                return;
            }
            try {
                switch (request.path()) {
                    case "/v1/traces" -> {
                        ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(bytes);
                        export.getResourceSpansList().forEach(rs -> {
                            Map<String, String> resource = attributes(rs.getResource().getAttributesList());
                            rs.getScopeSpansList().forEach(ss -> ss.getSpansList()
                                    .forEach(s -> spans.add(new ReceivedSpan(s, resource))));
                        });
                        requests.add(new Received(request.path(), headers, bytes));
                        reply(request, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
                    }
                    case "/v1/logs" -> {
                        ExportLogsServiceRequest export = ExportLogsServiceRequest.parseFrom(bytes);
                        export.getResourceLogsList().forEach(rl -> rl.getScopeLogsList()
                                .forEach(sl -> logs.addAll(sl.getLogRecordsList())));
                        requests.add(new Received(request.path(), headers, bytes));
                        reply(request, ExportLogsServiceResponse.getDefaultInstance().toByteArray());
                    }
                    default -> request.response().setStatusCode(404).end();
                }
            } catch (InvalidProtocolBufferException e) {
                request.response().setStatusCode(400).end(e.getMessage());
            }
        });
    }

    private static void reply(HttpServerRequest request, byte[] body) {
        request.response().putHeader("content-type", "application/x-protobuf").end(Buffer.buffer(body));
    }

    /** Every span received so far, in arrival order. */
    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Every log record received so far. */
    public List<LogRecord> logs() {
        return List.copyOf(logs);
    }

    /** Every export request received so far. */
    public List<Received> requests() {
        return List.copyOf(requests);
    }

    /** Waits until some span matches, up to {@code timeout}; the first that does, if any. */
    public Optional<ReceivedSpan> awaitSpan(Predicate<ReceivedSpan> matching, Duration timeout) {
        return await(() -> spans.stream().filter(matching).findFirst(), timeout);
    }

    /** Waits until at least {@code count} spans arrived, up to {@code timeout}; the spans then. */
    public List<ReceivedSpan> awaitSpans(int count, Duration timeout) {
        await(() -> spans.size() >= count ? Optional.of(true) : Optional.empty(), timeout);
        return spans();
    }

    /** Waits until some log record matches, up to {@code timeout}. */
    public Optional<LogRecord> awaitLog(Predicate<LogRecord> matching, Duration timeout) {
        return await(() -> logs.stream().filter(matching).findFirst(), timeout);
    }

    /** Every body received so far, decoded as UTF-8 (lossy): to check that a string appears in no span or log. */
    public String allPayloadText() {
        return requests.stream().map(r -> new String(r.body(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("\n"));
    }

    /** Forgets what was received. */
    public void reset() {
        spans.clear();
        logs.clear();
        requests.clear();
    }

    /** A log record's attributes as strings. */
    public static Map<String, String> attributes(LogRecord record) {
        return attributes(record.getAttributesList());
    }

    static Map<String, String> attributes(List<KeyValue> list) {
        return list.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> text(kv.getValue()), (a, b) -> b));
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case ARRAY_VALUE -> v.getArrayValue().getValuesList().stream().map(OtlpReceiver::text)
                    .collect(Collectors.joining(","));
            default -> v.toString();
        };
    }

    private static <T> Optional<T> await(java.util.function.Supplier<Optional<T>> probe, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close().await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        } finally {
            vertx.close();
        }
    }
}
