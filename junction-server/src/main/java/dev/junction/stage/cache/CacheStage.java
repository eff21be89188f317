package dev.junction.stage.cache;

import dev.junction.cache.CachedAnswer;
import dev.junction.cache.runtime.ResponseCache;
import dev.junction.cache.semantic.SemanticEntry;
import dev.junction.governance.Caller;
import dev.junction.model.ChatResponse;
import dev.junction.observe.RequestRecord;
import dev.junction.pipeline.CacheableOperation;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Outcome;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request the lookup found ({@code X-Cache: HIT}, {@code X-Cache-Kind}, {@code X-Cache-TTL},
 * {@code X-Cache-Key}, and {@code X-Cache-Similarity} for a semantic hit) in the client's own dialect, as a stream when it asked for one, without proceeding; or runs a
 * miss ({@code X-Cache: MISS}) and, when it is answered in full with a 200, stores the canonical answer: a complete
 * body is decoded once at the end, a stream's events are recorded as they pass (on the fast path too, as bytes) and
 * decoded once at the end ({@link AnswerCapture}); by meaning too when the semantic lookup embedded the request. Errors, cut or failed streams and clients that left store nothing.
 * Placed right before execution, after the governance stages.
 */
public final class CacheStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger(CacheStage.class);
    private static final Exchange.Attribute<AnswerCapture> CAPTURE = new Exchange.Attribute<>("cache-capture");

    private final ResponseCache cache;

    public CacheStage(ResponseCache cache) {
        this.cache = cache;
    }

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        Optional<CacheState> state = exchange.attached(CacheState.ATTRIBUTE);
        if (state.isEmpty() || !(exchange.operation() instanceof CacheableOperation op)) {
            return chain.proceed(exchange);
        }
        HttpServerResponse response = exchange.response();
        switch (state.get()) {
            case CacheState.Hit hit -> {
                response.putHeader("x-cache", "HIT").putHeader("x-cache-kind", hit.kind())
                        .putHeader("x-cache-ttl", Long.toString(hit.answer().secondsLeft(cache.clock().instant())))
                        .putHeader("x-cache-key", hit.key().shortHash());
                hit.similarity().ifPresent(similarity -> response.putHeader("x-cache-similarity",
                        String.format(Locale.ROOT, "%.4f", similarity)));
                exchange.record().cacheHit(hit.kind(), hit.answer().meteredNanos());
                return Future.succeededFuture(op.answer(hit.answer().response(), hit.replayPace()));
            }
            case CacheState.Miss miss -> {
                exchange.record().cacheOutcome("miss");
                response.putHeader("x-cache", "MISS").putHeader("x-cache-ttl", Long.toString(miss.ttl().toSeconds()))
                        .putHeader("x-cache-key", miss.key().shortHash());
                return chain.proceed(exchange).map(reply -> {
                    if (!(reply instanceof Reply.Chat chat)) {
                        return reply;
                    }
                    AnswerCapture capture = new AnswerCapture(chat, exchange.runtime().redactor());
                    exchange.attach(CAPTURE, capture);
                    return capture.reply();
                });
            }
        }
    }

    @Override
    public void finish(Exchange exchange, Outcome outcome) {
        Optional<AnswerCapture> capture = exchange.attached(CAPTURE);
        if (capture.isEmpty() || !(outcome instanceof Outcome.Answered answered) || answered.status() != 200
                || !(exchange.attached(CacheState.ATTRIBUTE).orElse(null) instanceof CacheState.Miss miss)) {
            return;
        }
        Optional<ChatResponse> response;
        try {
            response = capture.get().response();
        } catch (RuntimeException e) {
            LOG.warn("The answer of request {} could not be read back for the cache", exchange.requestId(), e);
            return;
        }
        if (response.isEmpty()) {
            return;
        }
        RequestRecord record = exchange.record();
        Caller caller = exchange.caller().orElseGet(() -> Caller.configured(record.keyNameOrDash()));
        long metered = exchange.runtime().governor().costs(caller, record.publicModel(), exchange.route().orElseThrow(),
                record.deployment(), response.get().usage()).meteredNanos();
        Instant from = miss.lookedUpAt();
        CachedAnswer answer = new CachedAnswer(response.get(), metered, from, from.plus(miss.ttl()), miss.route());
        cache.store().put(miss.key(), answer).whenComplete((done, error) -> {
            if (error != null) {
                LOG.warn("The answer of request {} could not be stored in the response cache", exchange.requestId(),
                        error);
            }
        });
        miss.byMeaning().ifPresent(meaning -> {
            CachedAnswer byMeaning = new CachedAnswer(response.get(), metered, from, from.plus(meaning.ttl()),
                    miss.route());
            cache.semantic().put(new SemanticEntry(miss.key().hash(), miss.key().scope(),
                    meaning.probe().partition(), meaning.probe().vector(), byMeaning)).whenComplete((done, error) -> {
                        if (error != null) {
                            LOG.warn("The answer of request {} could not be stored in the semantic cache",
                                    exchange.requestId(), error);
                        }
                    });
        });
    }
}
