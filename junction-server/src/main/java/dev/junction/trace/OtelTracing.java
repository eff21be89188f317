package dev.junction.trace;

import dev.junction.config.TracingSettings;
import dev.junction.events.EventBus;
import dev.junction.events.RequestFinished;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Tracing with the OpenTelemetry SDK: spans, and optionally log records, batched on the SDK's threads and posted as
 * OTLP/HTTP protobuf through the JDK's HTTP client. The export queues are bounded ({@link ExportBound}); what does
 * not fit, or what a failing collector refuses, is dropped and counted. Loaded only when tracing is configured.
 */
final class OtelTracing implements Tracing {

    /** How long a batch may wait before it goes out. */
    private static final Duration SCHEDULE_DELAY = Duration.ofSeconds(1);
    /** How long one export may take, retries included, before its batch is given up. */
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final String SCOPE = "dev.junction";

    private static final TextMapGetter<Function<String, Optional<String>>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, Optional<String>> carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Function<String, Optional<String>> carrier, String key) {
            return carrier == null ? null : carrier.apply(key).orElse(null);
        }
    };

    private final SdkTracerProvider tracerProvider;
    private final Tracer tracer;
    private final ExportBound spans;
    private final Optional<SdkLoggerProvider> loggerProvider;
    private final ExportBound logs;
    private final Optional<EventBus.Subscription> subscription;

    private OtelTracing(TracingSettings settings, EventBus events) {
        Resource resource = Resource.getDefault().merge(Resource.create(resource(settings)));
        this.spans = new ExportBound(settings.queueSize());
        OtlpHttpSpanExporterBuilder spanExporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(settings.tracesEndpoint().orElseThrow())
                .setTimeout(EXPORT_TIMEOUT).setConnectTimeout(CONNECT_TIMEOUT)
                .setMeterProvider(MeterProvider::noop);
        settings.headers().forEach(spanExporter::addHeader);
        BatchSpanProcessor batch = BatchSpanProcessor.builder(BoundedSpanExport.exporter(spanExporter.build(), spans))
                .setMaxQueueSize(settings.queueSize() + 1)
                .setScheduleDelay(SCHEDULE_DELAY)
                .setExporterTimeout(EXPORT_TIMEOUT)
                .setMeterProvider(MeterProvider.noop())
                .build();
        this.tracerProvider = SdkTracerProvider.builder()
                .setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.sampleRatio())))
                .addSpanProcessor(BoundedSpanExport.processor(batch, spans))
                .build();
        this.tracer = tracerProvider.get(SCOPE);
        this.logs = new ExportBound(settings.queueSize());
        if (settings.exportsLogs()) {
            SdkLoggerProvider provider = loggers(settings, resource, logs);
            this.loggerProvider = Optional.of(provider);
            this.subscription = Optional.of(events.subscribe(RequestFinished.class,
                    new RequestLogRecords(provider.get(SCOPE))));
        } else {
            this.loggerProvider = Optional.empty();
            this.subscription = Optional.empty();
        }
    }

    static OtelTracing start(TracingSettings settings, EventBus events) {
        return new OtelTracing(settings, events);
    }

    private static SdkLoggerProvider loggers(TracingSettings settings, Resource resource, ExportBound bound) {
        OtlpHttpLogRecordExporterBuilder exporter = OtlpHttpLogRecordExporter.builder()
                .setEndpoint(settings.logsEndpoint().orElseThrow())
                .setTimeout(EXPORT_TIMEOUT).setConnectTimeout(CONNECT_TIMEOUT)
                .setMeterProvider(MeterProvider::noop);
        settings.headers().forEach(exporter::addHeader);
        BatchLogRecordProcessor batch = BatchLogRecordProcessor.builder(BoundedLogExport.exporter(exporter.build(),
                        bound))
                .setMaxQueueSize(settings.queueSize() + 1)
                .setScheduleDelay(SCHEDULE_DELAY)
                .setExporterTimeout(EXPORT_TIMEOUT)
                .setMeterProvider(MeterProvider.noop())
                .build();
        return SdkLoggerProvider.builder().setResource(resource)
                .addLogRecordProcessor(BoundedLogExport.processor(batch, bound)).build();
    }

    private static Attributes resource(TracingSettings settings) {
        AttributesBuilder a = Attributes.builder();
        settings.resourceAttributes().forEach(a::put);
        a.put(AttributeKey.stringKey("service.name"), settings.serviceName());
        return a.build();
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public RequestSpan start(Function<String, Optional<String>> clientHeaders) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), clientHeaders, HEADERS);
        Span span = tracer.spanBuilder("request").setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
        return new OtelRequestSpan(tracer, span);
    }

    @Override
    public long droppedSpans() {
        return spans.dropped();
    }

    @Override
    public long droppedLogs() {
        return logs.dropped();
    }

    @Override
    public void close() {
        subscription.ifPresent(EventBus.Subscription::close);
        tracerProvider.shutdown().join(5, TimeUnit.SECONDS);
        loggerProvider.ifPresent(p -> p.shutdown().join(5, TimeUnit.SECONDS));
    }
}
