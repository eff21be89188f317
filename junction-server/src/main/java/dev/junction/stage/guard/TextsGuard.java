package dev.junction.stage.guard;

import dev.junction.config.GuardPolicy;
import dev.junction.guard.Redaction;
import dev.junction.model.GatewayError;
import dev.junction.pipeline.Exchange;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The input policies on an operation's {@link GuardedTexts} (embeddings, image prompts, rerank, moderations, legacy
 * completions, speech): every text is scanned like a chat's prose (local detectors, then external guards); a
 * {@code block} refuses the request, a {@code redact} replaces the operation with the texts masked (there is no answer
 * text to restore: vectors, images, scores and audio carry none). Output policies do not apply. Runs on the request's
 * event loop.
 */
final class TextsGuard {

    private TextsGuard() {
    }

    /** Scans and, where asked, masks {@code guarded}; completes with the refusal, if any. */
    static Future<Optional<GatewayError>> check(Exchange exchange, GuardedTexts guarded, List<GuardPolicy> input,
                                                GuardResults results) {
        if (input.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        PolicyScan scan = new PolicyScan(input, GuardPolicy.Direction.INPUT);
        Redaction redaction = new Redaction();
        List<String> texts = new ArrayList<>(guarded.texts().size());
        for (String text : guarded.texts()) {
            texts.add(redaction.mask(text, scan.scan(text)));
            if (scan.blocked()) {
                results.addAll(scan.hits());
                return Future.succeededFuture(Optional.of(GuardStage.blocked(scan.blockMessage())));
            }
        }
        results.addAll(scan.hits());
        Future<List<String>> masked = Future.succeededFuture(texts);
        if (RemoteScan.needed(input)) {
            masked = new RemoteScan(exchange.runtime().http(), GuardPolicy.Direction.INPUT, exchange.requestId(),
                    redaction).run(input, texts).compose(result -> {
                        results.addAll(result.hits());
                        return result.refusal().isPresent() ? Future.failedFuture(new Refusal(result.refusal().get()))
                                : Future.succeededFuture(result.texts());
                    });
        }
        return masked.map(done -> {
            if (!done.equals(guarded.texts())) {
                exchange.operation(guarded.rewrite().apply(done));
            }
            return Optional.<GatewayError>empty();
        }).recover(e -> e instanceof Refusal r ? Future.succeededFuture(Optional.of(r.error))
                : Future.failedFuture(e));
    }

    /** Carries an external guard's refusal through the future chain. */
    private static final class Refusal extends RuntimeException {
        private final transient GatewayError error;

        Refusal(GatewayError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
