package dev.junction.pipeline;

import dev.junction.dialect.DialectCodec;
import dev.junction.dialect.DialectCodecs;
import dev.junction.dialect.anthropic.AnthropicErrors;
import dev.junction.dialect.gemini.GeminiErrors;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import io.vertx.ext.web.RoutingContext;

/**
 * The dialect a client speaks on an endpoint, and what follows from it for replies: the codec, and the HTTP status an
 * error gets (Anthropic clients expect 529 for an overloaded upstream, everyone else 503). The endpoint's first
 * handler marks the request with {@link #mark}, so that authentication and failure handlers answer in the caller's
 * own dialect.
 */
public enum ClientDialect {
    OPENAI(Dialect.OPENAI_CHAT),
    /** OpenAI's Responses API: OpenAI's error envelope and statuses. */
    RESPONSES(Dialect.OPENAI_RESPONSES),
    ANTHROPIC(Dialect.ANTHROPIC),
    GEMINI(Dialect.GEMINI);

    private static final String KEY = "junction.client-dialect";

    private final Dialect dialect;

    ClientDialect(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The wire dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** The codec of this dialect. */
    public DialectCodec codec() {
        return DialectCodecs.of(dialect);
    }

    /** The HTTP status a client of this dialect gets for the error. */
    public int status(GatewayError error) {
        return switch (this) {
            case OPENAI, RESPONSES -> error.status();
            case ANTHROPIC -> AnthropicErrors.status(error);
            case GEMINI -> GeminiErrors.status(error);
        };
    }

    /** A handler that marks the request as spoken in this dialect, then continues. */
    public void mark(RoutingContext ctx) {
        ctx.put(KEY, this);
        ctx.next();
    }

    /** The dialect the request was marked with; OpenAI when unmarked. */
    public static ClientDialect of(RoutingContext ctx) {
        ClientDialect marked = ctx.get(KEY);
        return marked == null ? OPENAI : marked;
    }
}
