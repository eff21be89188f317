package dev.junction.metrics;

import dev.junction.events.RequestFinished;
import dev.junction.model.Usage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * OpenTelemetry's GenAI client and server metrics in Prometheus form, for chat and embedding requests that reached a
 * provider: {@code gen_ai_client_operation_duration_seconds}, {@code gen_ai_client_token_usage} (by
 * {@code gen_ai_token_type}) and, for streams, {@code gen_ai_server_time_to_first_token_seconds}. Histograms with
 * the conventions' bucket boundaries ({@link Buckets}); the attributes' dots become underscores. Runs on the
 * publisher's thread.
 */
final class GenAiMeters implements Consumer<RequestFinished> {

    private record Key(String operation, String provider, String requestModel, String responseModel) {

        Tags tags() {
            return Tags.of("gen_ai_operation_name", operation, "gen_ai_provider_name", provider,
                    "gen_ai_request_model", requestModel, "gen_ai_response_model", responseModel);
        }
    }

    private record Meters(Timer duration, Timer firstToken, DistributionSummary input, DistributionSummary output) {
    }

    private final RequestLabels labels;
    private final MeterCache<Key, Meters> meters;

    GenAiMeters(MeterRegistry registry, RequestLabels labels) {
        this.labels = labels;
        this.meters = new MeterCache<>(k -> new Meters(
                Timer.builder("gen_ai.client.operation.duration").description("GenAI operation duration")
                        .tags(k.tags()).serviceLevelObjectives(Buckets.durations(Buckets.OPERATION_SECONDS))
                        .register(registry),
                Timer.builder("gen_ai.server.time_to_first_token")
                        .description("Time to generate the first token, for streamed answers").tags(k.tags())
                        .serviceLevelObjectives(Buckets.durations(Buckets.FIRST_TOKEN_SECONDS)).register(registry),
                tokens(registry, k, "input"),
                tokens(registry, k, "output")));
    }

    private static DistributionSummary tokens(MeterRegistry registry, Key k, String type) {
        return DistributionSummary.builder("gen_ai.client.token.usage").description("Tokens used, by type")
                .tags(k.tags().and("gen_ai_token_type", type)).serviceLevelObjectives(Buckets.TOKENS)
                .register(registry);
    }

    @Override
    public void accept(RequestFinished event) {
        String operation = switch (event.operation()) {
            case "chat" -> "chat";
            case "embeddings" -> "embeddings";
            default -> null;
        };
        if (operation == null || event.request().provider().isEmpty()) {
            return;
        }
        Meters m = meters.get(new Key(operation, labels.provider(event.request().provider()), labels.route(event),
                labels.upstreamModel(event)));
        m.duration().record(event.durationNanos(), TimeUnit.NANOSECONDS);
        if (event.request().stream() && event.firstByteNanos() >= 0 && event.succeeded()) {
            m.firstToken().record(event.firstByteNanos(), TimeUnit.NANOSECONDS);
        }
        Usage usage = event.request().usage();
        if (usage.inputTokens() > 0) {
            m.input().record(usage.inputTokens());
        }
        if (usage.outputTokens() > 0) {
            m.output().record(usage.outputTokens());
        }
    }
}
