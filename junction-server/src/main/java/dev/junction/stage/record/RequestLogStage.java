package dev.junction.stage.record;

import dev.junction.observe.RequestLog;
import dev.junction.observe.RequestRecord;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Outcome;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;

/**
 * The outermost stage: once the request is over, after every other stage has finished (costs are known, budgets
 * settled), writes its log line and hands the record of an authenticated caller to the write-behind request log.
 * Never blocks: the log line goes through an asynchronous appender and the request log through a bounded queue.
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
        if (record.authenticated()) {
            if (record.capturing()) {
                exchange.body().ifPresent(b -> record.requestBody(b.toString(StandardCharsets.UTF_8)));
            }
            exchange.runtime().governance().writer().offer(record.logged());
        }
    }
}
