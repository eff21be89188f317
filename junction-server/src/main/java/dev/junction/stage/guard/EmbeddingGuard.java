package dev.junction.stage.guard;

import dev.junction.config.GuardPolicy;
import dev.junction.endpoint.EmbeddingOperation;
import dev.junction.guard.Redaction;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.GatewayError;
import dev.junction.pipeline.Exchange;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The input policies on an embeddings request: every text to embed is scanned like a chat's prose (local detectors,
 * then external guards); a {@code block} refuses the request, a {@code redact} replaces the operation with the texts
 * masked (the vectors are then of the masked texts; there is no answer text to restore). Output policies do not apply:
 * an embedding has no text. Runs on the request's event loop.
 */
final class EmbeddingGuard {

    private EmbeddingGuard() {
    }

    /** Scans and, where asked, masks the exchange's embedding inputs; completes with the refusal, if any. */
    static Future<Optional<GatewayError>> check(Exchange exchange, List<GuardPolicy> input, GuardResults results) {
        if (input.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        EmbeddingOperation operation = (EmbeddingOperation) exchange.operation();
        EmbeddingRequest request = operation.request();
        PolicyScan scan = new PolicyScan(input, GuardPolicy.Direction.INPUT);
        Redaction redaction = new Redaction();
        List<String> texts = new ArrayList<>(request.inputs().size());
        for (String text : request.inputs()) {
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
            if (!done.equals(request.inputs())) {
                exchange.operation(operation.withRequest(new EmbeddingRequest(request.model(), done,
                        request.dimensions(), request.taskType(), request.user())));
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
