package dev.junction.metrics;

import dev.junction.config.MetricsSettings;
import dev.junction.events.EventBus;
import dev.junction.events.GuardrailTriggered;
import dev.junction.events.RequestFinished;
import dev.junction.observe.RequestLogWriter;
import dev.junction.routing.health.HealthRegistry;
import dev.junction.runtime.GatewayRuntime;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * The gateway's metrics: one Prometheus registry, fed by the event bus (requests), read at scrape time (deployment
 * health, the request-log writer) and by the JVM binders and the event-loop lag probe. Close it with the gateway.
 */
public final class GatewayMetrics implements AutoCloseable {

    /** The content type of the OpenMetrics text format. */
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** The content type of the Prometheus text format. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsSettings settings;
    private final DeploymentGauges deployments;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final EventLoopLag lag;
    private final EventBus.Subscription subscription;
    private final EventBus.Subscription guardrails;
    private final EventBus.Subscription extensions;

    /**
     * @param runtime the runtime in effect, read at scrape time (the configured deployments)
     */
    public GatewayMetrics(MetricsSettings settings, Vertx vertx, EventBus events, HealthRegistry health,
                          RequestLogWriter writer, Supplier<GatewayRuntime> runtime) {
        this.settings = settings;
        RequestLabels labels = new RequestLabels();
        RequestMeters requests = new RequestMeters(registry, labels, settings.keyNames());
        GenAiMeters genAi = new GenAiMeters(registry, labels);
        this.deployments = new DeploymentGauges(registry, health, runtime);
        new RequestLogGauges(writer).bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.lag = new EventLoopLag(vertx, registry);
        this.subscription = events.subscribe(RequestFinished.class, event -> {
            requests.accept(event);
            genAi.accept(event);
        });
        this.guardrails = events.subscribe(GuardrailTriggered.class, new GuardrailMeters(registry));
        this.extensions = events.subscribe(dev.junction.events.ExtensionFailed.class, new ExtensionMeters(registry));
    }

    /** Counts the response cache's hits, misses and savings ({@code junction_cache_*}). */
    public void observe(dev.junction.cache.CacheStats cache) {
        new CacheMeters(cache).bindTo(registry);
    }

    /** The settings it serves under. */
    public MetricsSettings settings() {
        return settings;
    }

    /** The content type answering a scrape whose {@code Accept} header is {@code accept} (may be null). */
    static String contentType(String accept) {
        return accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : PROMETHEUS_TEXT;
    }

    /** Every meter in the format of {@code contentType} ({@link #contentType}). Reads gauges; does not block. */
    String scrape(String contentType) {
        deployments.refresh();
        return registry.scrape(contentType);
    }

    @Override
    public void close() {
        subscription.close();
        guardrails.close();
        extensions.close();
        lag.close();
        gc.close();
        registry.close();
    }
}
