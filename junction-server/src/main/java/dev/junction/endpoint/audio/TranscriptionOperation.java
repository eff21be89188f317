package dev.junction.endpoint.audio;

import dev.junction.audio.AudioMetering;
import dev.junction.audio.TranscriptionRequest;
import dev.junction.endpoint.ChatOperation;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Operation;
import dev.junction.pipeline.Reply;
import dev.junction.pricing.UnitUsage;
import dev.junction.routing.OperationKind;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.Route;
import dev.junction.routing.Routed;
import dev.junction.tokens.TokenEstimator;
import io.vertx.core.Future;
import java.util.OptionalInt;

/**
 * A transcription or translation of an uploaded file, routed with failover to the providers that transcribe; each
 * attempt reads the file from disk anew, so a second provider gets it whole. The answer is OpenAI's (json, text, srt,
 * vtt, verbose_json, or transcript events relayed as they come). Immutable.
 */
public final class TranscriptionOperation implements Operation {

    private final TranscriptionRequest request;
    private final TranscriptionUnits units;

    public TranscriptionOperation(TranscriptionRequest request) {
        this.request = request;
        this.units = new TranscriptionUnits(request.file());
    }

    /** The validated request. */
    public TranscriptionRequest request() {
        return request;
    }

    /** The longest the upload can plausibly be, in seconds ({@link TranscriptionUnits#worstCaseSeconds}). */
    public double worstCaseSeconds() {
        return units.worstCaseSeconds();
    }

    @Override
    public OperationKind kind() {
        return OperationKind.AUDIO_TRANSCRIPTION;
    }

    /**
     * The budget reserves the longest the audio can plausibly be ({@link #worstCaseSeconds}), as seconds (Whisper)
     * and as the audio tokens Gemini would count for them: each deployment's price prices the unit it bills.
     */
    @Override
    public UnitUsage worstCaseUnits() {
        return units.worstCase();
    }

    @Override
    public String model() {
        return request.model();
    }

    @Override
    public boolean stream() {
        return request.stream();
    }

    @Override
    public long estimateInputTokens() {
        return request.prompt().map(p -> (long) TokenEstimator.count(p)).orElse(0L);
    }

    @Override
    public OptionalInt maxOutputTokens() {
        return OptionalInt.of(0);
    }

    @Override
    public RequestFacts facts() {
        return RequestFacts.of(OperationKind.AUDIO_TRANSCRIPTION, estimateInputTokens(), 0);
    }

    @Override
    public Future<Routed<Reply>> execute(Exchange exchange, Route route) {
        var rt = exchange.runtime();
        return rt.executor().run(route, facts(), ChatOperation.pin(exchange), exchange.cancellation(),
                (provider, step) -> rt.transcriptionAdapter(provider).transcribe(request, provider, step.model(),
                        exchange.requestId(), exchange.propagation(), exchange.cancellation())).map(routed -> {
            Reply reply = AudioAnswers.reply(routed.value(), metering -> {
                AudioAnswers.recordTokens(exchange.record(), metering, 0);
                boolean reported = metering.seconds().isPresent() || metering.hasTokens();
                if (reported || exchange.record().failure().isEmpty()) {
                    // A stream that broke before reporting anything is billed nothing, as a broken chat stream is.
                    exchange.record().units(units.used(metering));
                }
            });
            return new Routed<>(reply, routed.step(), routed.attempts(), routed.delivered());
        });
    }
}
