package dev.junction.stage.record;

import dev.junction.events.EventBus;
import dev.junction.events.RequestFinished;
import dev.junction.observe.LoggedRequest;
import dev.junction.observe.RequestLog;
import dev.junction.observe.RequestRecord;
import dev.junction.observe.ResponseHeaders;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Outcome;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * The outermost stage: once the request is over, after every other stage has finished (costs are known, budgets
 * settled), writes its log line and hands the record of an authenticated caller to the write-behind request log.
 * Then publishes the request's {@link RequestFinished} event to the gateway's observers. Never blocks: the log line
 * goes through an asynchronous appender and the request log through a bounded queue to its journal.
 *
 * <p>When the request finishes before its response's last bytes ({@link Exchange#beforeEnd}, every answer the
 * pipeline writes), the end waits until the record is in the journal ({@link Exchange#holdEnd}, at most the journal's
 * {@code max_wait}): a client that got a whole answer has its record on disk, and a killed gateway loses nothing.
 * What waits for the record to be journaled ({@link RequestRecord#journaled}: the budget's settlement) runs once the
 * journal has it.
 */
public final class RequestLogStage implements Stage {

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        return chain.proceed(exchange);
    }

    @Override
    public void finish(Exchange exchange, Outcome outcome) {
        RequestRecord record = exchange.record();
        RequestLog.write(record);
        if (record.authenticated() && record.capturing()) {
            exchange.body().ifPresent(b -> record.requestBody(b.toString(StandardCharsets.UTF_8)));
        }
        EventBus events = exchange.runtime().events();
        if (!record.authenticated()) {
            record.journaled().run(); // nothing journals it: what waits for that runs now
            if (!events.hasSubscribers()) {
                return;
            }
        }
        if (record.authenticated()) {
            // Only the stored entry keeps them: the gateway's own and rate-limit headers, picked by name.
            record.responseHeaders(ResponseHeaders.select(exchange.response().headers()));
        }
        LoggedRequest logged = record.logged();
        if (record.authenticated()) {
            exchange.holdEnd(exchange.runtime().governance().writer().journal(logged, exchange.context(),
                    record.journaled()));
        }
        if (events.hasSubscribers()) {
            events.publish(finished(record, logged, exchange.dialect().name().toLowerCase(Locale.ROOT)));
        }
    }

    /** The event of a request that is over, from its record and what the request log stores of it. */
    public static RequestFinished finished(RequestRecord record, LoggedRequest logged, String dialect) {
        return new RequestFinished(Instant.now(), logged, record.operation(), dialect, record.attempts(),
                record.failure(), record.authenticated(), record.clientGone(), record.elapsedNanos(),
                record.firstByteNanos(), record::finishReasons);
    }
}
