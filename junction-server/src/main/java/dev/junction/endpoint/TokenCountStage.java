package dev.junction.endpoint;

import dev.junction.json.Json;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The last stage of the counting endpoints (Anthropic's {@code count_tokens}, Gemini's {@code countTokens},
 * the Responses API's {@code input_tokens}): the
 * input tokens the decoded request would use, estimated in-process (see {@link dev.junction.tokens.TokenEstimator})
 * so that it answers the same for every upstream and costs no upstream call.
 */
public final class TokenCountStage implements Stage {

    private final String field;
    private final Optional<String> object;

    /** @param field the name the client's dialect gives the count ({@code input_tokens}, {@code totalTokens}) */
    public TokenCountStage(String field) {
        this(field, Optional.empty());
    }

    /** @param object the body's {@code object} type, for dialects that name it ({@code response.input_tokens}) */
    public TokenCountStage(String field, Optional<String> object) {
        this.field = field;
        this.object = object;
    }

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        exchange.record().operation("count_tokens");
        var body = Json.object();
        object.ifPresent(o -> body.put("object", o));
        return Future.succeededFuture(new Reply.Json(body.put(field, exchange.inputTokens())));
    }
}
