package dev.junction.endpoint.audio;

import dev.junction.audio.AudioMetering;
import dev.junction.audio.TranscriptionRequest;
import dev.junction.endpoint.ChatOperation;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Operation;
import dev.junction.pipeline.Reply;
import dev.junction.pricing.UnitUsage;
import dev.junction.routing.OperationKind;
import dev.junction.routing.UnitPrices;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.Route;
import dev.junction.routing.Routed;
import dev.junction.tokens.TokenEstimator;
import io.vertx.core.Future;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A transcription or translation of an uploaded file, routed with failover to the providers that transcribe; each
 * attempt reads the file from disk anew, so a second provider gets it whole. The answer is OpenAI's (json, text, srt,
 * vtt, verbose_json, or transcript events relayed as they come). Immutable.
 */
public final class TranscriptionOperation implements Operation {

    /**
     * The bitrate assumed to turn an upload's size into a worst-case duration: 16 kbit/s, below what speech is
     * usually encoded at (mp3 and m4a voice memos 32-128 kbit/s, opus voice 16-32 kbit/s; WAV is far above), so
     * that the estimate is longer than the real audio, never shorter, for the encodings clients send.
     */
    public static final long WORST_CASE_BYTES_PER_SECOND = 2_000;

    /** The audio tokens Gemini counts for a second of audio. */
    public static final long AUDIO_TOKENS_PER_SECOND = 32;

    private final TranscriptionRequest request;

    public TranscriptionOperation(TranscriptionRequest request) {
        this.request = request;
    }

    /** The validated request. */
    public TranscriptionRequest request() {
        return request;
    }

    /** The longest the upload can plausibly be, in seconds, at {@link #WORST_CASE_BYTES_PER_SECOND}. */
    public double worstCaseSeconds() {
        return Math.ceil((double) request.file().size() / WORST_CASE_BYTES_PER_SECOND);
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
        double seconds = worstCaseSeconds();
        return new UnitUsage(Map.of(UnitPrices.AUDIO_SECOND, seconds, UnitPrices.AUDIO_TOKEN,
                seconds * AUDIO_TOKENS_PER_SECOND));
    }

    /**
     * What the answer consumed besides the tokens billed as tokens: the seconds it reported and the audio tokens
     * billed apart (Gemini); when it reported neither seconds nor tokens (Whisper's text, srt and vtt formats say
     * nothing of the audio), the conservative estimate of seconds the budget reserved.
     */
    private UnitUsage units(AudioMetering metering) {
        UnitUsage audioTokens = UnitUsage.of(UnitPrices.AUDIO_TOKEN, metering.audioTokens());
        if (metering.seconds().isPresent()) {
            return UnitUsage.of(UnitPrices.AUDIO_SECOND, metering.seconds().getAsDouble()).plus(audioTokens);
        }
        return metering.hasTokens() ? audioTokens : UnitUsage.of(UnitPrices.AUDIO_SECOND, worstCaseSeconds());
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
                exchange.record().units(units(metering));
            });
            return new Routed<>(reply, routed.step(), routed.attempts(), routed.delivered());
        });
    }
}
