package dev.junction.endpoint.audio;

import dev.junction.audio.SpeechRequest;
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
import java.util.OptionalInt;

/**
 * Text to speech, routed with failover to the providers that speak (an attempt succeeds once its upstream's answer
 * has begun), the audio relayed to the client as it arrives with the upstream's content type. Immutable.
 */
public final class SpeechOperation implements Operation {

    private final SpeechRequest request;

    public SpeechOperation(SpeechRequest request) {
        this.request = request;
    }

    /** The validated request. */
    public SpeechRequest request() {
        return request;
    }

    @Override
    public OperationKind kind() {
        return OperationKind.AUDIO_SPEECH;
    }

    /** Speech is priced per character of input (tts-1) or by tokens (gpt-4o-mini-tts): the characters are known. */
    @Override
    public UnitUsage worstCaseUnits() {
        return UnitUsage.of(UnitPrices.CHARACTER, request.characters());
    }

    @Override
    public String model() {
        return request.model();
    }

    @Override
    public boolean stream() {
        return request.sse();
    }

    @Override
    public long estimateInputTokens() {
        return TokenEstimator.count(request.input());
    }

    @Override
    public OptionalInt maxOutputTokens() {
        return OptionalInt.of(0);
    }

    @Override
    public RequestFacts facts() {
        return RequestFacts.of(OperationKind.AUDIO_SPEECH, estimateInputTokens(), 0);
    }

    @Override
    public Future<Routed<Reply>> execute(Exchange exchange, Route route) {
        var rt = exchange.runtime();
        return rt.executor().run(route, facts(), ChatOperation.pin(exchange), exchange.cancellation(),
                (provider, step) -> rt.speechAdapter(provider).speak(request, provider, step.model(),
                        exchange.requestId(), exchange.propagation(), exchange.cancellation())).map(routed -> {
            exchange.record().units(worstCaseUnits());
            Reply reply = AudioAnswers.reply(routed.value(), metering -> AudioAnswers.recordTokens(exchange.record(),
                    metering, exchange.inputTokens()));
            return new Routed<>(reply, routed.step(), routed.attempts(), routed.delivered());
        });
    }
}
