package dev.junction.trace;

import dev.junction.events.RequestFinished;
import dev.junction.model.FinishReason;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import dev.junction.routing.AttemptRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The attributes of the gateway's spans: OpenTelemetry's GenAI semantic conventions ({@code gen_ai.*}), HTTP's
 * ({@code http.response.status_code}, {@code error.type}) and Junction's own ({@code junction.*}). Key names only,
 * never a key, a header or a body.
 */
final class SpanAttributes {

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<List<String>> FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("junction.request_id");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("junction.route");
    static final AttributeKey<String> DEPLOYMENT = AttributeKey.stringKey("junction.deployment");
    static final AttributeKey<String> KEY_NAME = AttributeKey.stringKey("junction.key_name");
    static final AttributeKey<Double> CHARGED_USD = AttributeKey.doubleKey("junction.cost.charged_usd");
    static final AttributeKey<String> DIALECT = AttributeKey.stringKey("junction.dialect");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("junction.attempts");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("junction.stream");

    /** The operations the GenAI conventions name; others (model lists, token counts) carry no {@code gen_ai.*}. */
    private static final Set<String> GEN_AI = Set.of("chat", "embeddings");

    private SpanAttributes() {}

    /** The request span's name: {@code chat gpt-4o}, or the operation alone when no model was asked for. */
    static String requestName(RequestFinished finished) {
        String model = finished.request().publicModel();
        return model == null || model.isEmpty() ? finished.operation() : finished.operation() + " " + model;
    }

    /** Whether the span of this request is an error: the client got a 5xx. */
    static boolean error(RequestFinished finished) {
        return finished.request().status() >= 500;
    }

    /** What went wrong, in a few stable words, when something did. */
    static Optional<String> errorType(RequestFinished finished) {
        return finished.request().errorType().or(() -> finished.clientGone() ? Optional.of("client_gone")
                : Optional.empty());
    }

    static Attributes request(RequestFinished finished, Optional<String> route) {
        LoggedRequest r = finished.request();
        AttributesBuilder a = Attributes.builder()
                .put(REQUEST_ID, r.requestId())
                .put(PATH, r.endpoint())
                .put(DIALECT, finished.dialect())
                .put(STATUS, r.status())
                .put(STREAM, r.stream())
                .put(ATTEMPTS, finished.attempts().size());
        if (GEN_AI.contains(finished.operation())) {
            a.put(OPERATION, finished.operation());
            a.put(INPUT_TOKENS, r.usage().inputTokens()).put(OUTPUT_TOKENS, r.usage().outputTokens());
            finishReasons(finished).ifPresent(reasons -> a.put(FINISH_REASONS, reasons));
        }
        nonEmpty(a, REQUEST_MODEL, r.publicModel());
        nonEmpty(a, PROVIDER, r.provider());
        nonEmpty(a, DEPLOYMENT, r.deployment());
        if (finished.succeeded()) {
            nonEmpty(a, RESPONSE_MODEL, r.upstreamModel());
        }
        route.ifPresent(name -> a.put(ROUTE, name));
        if (finished.authenticated()) {
            nonEmpty(a, KEY_NAME, r.caller().keyName());
        }
        a.put(CHARGED_USD, Costs.usd(r.costs().chargedNanos()));
        errorType(finished).ifPresent(type -> a.put(ERROR_TYPE, type));
        return a.build();
    }

    /**
     * One attempt's attributes; the attempt that answered also carries the response model and the tokens.
     *
     * @param answered whether this attempt produced the answer
     */
    static Attributes attempt(RequestFinished finished, AttemptRecord attempt, boolean answered) {
        AttributesBuilder a = Attributes.builder()
                .put(PROVIDER, attempt.step().provider())
                .put(REQUEST_MODEL, attempt.step().model())
                .put(DEPLOYMENT, attempt.step().id())
                .put(STATUS, attempt.error().map(e -> (long) e.status()).orElse(200L));
        if (GEN_AI.contains(finished.operation())) {
            a.put(OPERATION, finished.operation());
        }
        attempt.error().ifPresent(e -> a.put(ERROR_TYPE, AttemptRecord.reason(e)));
        if (answered) {
            a.put(RESPONSE_MODEL, attempt.step().model());
            if (GEN_AI.contains(finished.operation())) {
                a.put(INPUT_TOKENS, finished.request().usage().inputTokens())
                        .put(OUTPUT_TOKENS, finished.request().usage().outputTokens());
                finishReasons(finished).ifPresent(reasons -> a.put(FINISH_REASONS, reasons));
            }
        }
        return a.build();
    }

    /**
     * The finish reasons in the gateway's one vocabulary whatever the provider said ({@code stop}, {@code length},
     * {@code tool_calls}, {@code content_filter}, {@code stop_sequence}, {@code pause}, {@code other}).
     */
    private static Optional<List<String>> finishReasons(RequestFinished finished) {
        List<FinishReason> reasons = finished.finishReasons();
        return reasons.isEmpty() ? Optional.empty() : Optional.of(reasons.stream()
                .map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static void nonEmpty(AttributesBuilder a, AttributeKey<String> key, String value) {
        if (value != null && !value.isEmpty() && !value.equals("-")) {
            a.put(key, value);
        }
    }
}
