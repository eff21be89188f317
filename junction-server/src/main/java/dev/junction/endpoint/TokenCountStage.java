package dev.junction.endpoint;

import dev.junction.json.Json;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import io.vertx.core.Future;

/**
 * The last stage of the counting endpoints (Anthropic's {@code count_tokens}, Gemini's {@code countTokens}): the
 * input tokens the decoded request would use, estimated in-process (see {@link dev.junction.tokens.TokenEstimator})
 * so that it answers the same for every upstream and costs no upstream call.
 */
public final class TokenCountStage implements Stage {

    private final String field;

    /** @param field the name the client's dialect gives the count ({@code input_tokens}, {@code totalTokens}) */
    public TokenCountStage(String field) {
        this.field = field;
    }

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        return Future.succeededFuture(new Reply.Json(Json.object().put(field, exchange.inputTokens())));
    }
}
