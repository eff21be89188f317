package dev.junction.stage.auth;

import dev.junction.auth.CallerAuthenticator;
import dev.junction.entity.CapturePolicy;
import dev.junction.governance.Caller;
import dev.junction.observe.BodyCapture;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import dev.junction.runtime.GatewayRuntime;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Finds the caller from the key the request presents ({@code Authorization: Bearer}, {@code X-Api-Key},
 * {@code X-Goog-Api-Key} or Gemini's {@code ?key=}) and the client's address, and turns the request away in its own
 * dialect otherwise. Reads the governance snapshot; a virtual key the snapshot does not know yet is looked up in the
 * store on the database's threads, and the request continues on its event loop when the answer is there (it never
 * waits for it there). Also decides whether the caller's request and response bodies are kept in the request log.
 */
public final class AuthenticationStage implements Stage {

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        GatewayRuntime rt = exchange.runtime();
        var result = rt.callers().authenticate(exchange.header("authorization").orElse(null),
                apiKey(exchange).orElse(null), exchange.remoteAddress());
        return answer(result, exchange, chain);
    }

    private static Future<Reply> answer(CallerAuthenticator.Result result, Exchange exchange, Chain chain) {
        return switch (result) {
            case CallerAuthenticator.Result.Rejected r -> Future.succeededFuture(new Reply.Refused(r.error()));
            case CallerAuthenticator.Result.Authenticated a -> {
                exchange.caller(a.caller());
                capture(exchange.runtime(), a.caller()).ifPresent(exchange.record()::capture);
                yield chain.proceed(exchange);
            }
            // The key was not in the snapshot: the store is asked on a database thread; continue on the event loop.
            case CallerAuthenticator.Result.Pending p -> exchange.onContext(p.result())
                    .compose(looked -> answer(looked, exchange, chain));
        };
    }

    /** A key sent the Anthropic way, the Gemini way, or as Gemini's {@code ?key=} query parameter. */
    private static Optional<String> apiKey(Exchange exchange) {
        Optional<String> key = exchange.header("x-api-key").or(() -> exchange.header("x-goog-api-key"));
        if (key.isEmpty() && exchange.dialect() == ClientDialect.GEMINI) {
            key = exchange.query("key");
        }
        return key;
    }

    /**
     * How a caller's request bodies are kept: as its tenant's capture policy says when it has one (never, always, or
     * always with personal data masked); else everyone's when configured, else per key; empty when not.
     */
    private static Optional<BodyCapture> capture(GatewayRuntime rt, Caller caller) {
        var logs = rt.config().governance().requestLogs();
        Optional<CapturePolicy> policy = caller.grant().flatMap(g -> g.tenant().settings().capture());
        if (policy.isPresent()) {
            return switch (policy.get()) {
                case OFF -> Optional.empty();
                case ON -> Optional.of(new BodyCapture(rt.redactor(), logs.maxBodyBytes()));
                case REDACTED -> Optional.of(BodyCapture.masking(rt.redactor(), logs.maxBodyBytes()));
            };
        }
        boolean on = logs.captureBodies() || caller.grant().map(g -> g.key().captureBodies()).orElse(false);
        return on ? Optional.of(new BodyCapture(rt.redactor(), logs.maxBodyBytes())) : Optional.empty();
    }
}
