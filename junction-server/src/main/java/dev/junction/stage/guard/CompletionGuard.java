package dev.junction.stage.guard;

import dev.junction.config.GuardPolicy;
import dev.junction.endpoint.completion.CompletionOperation;
import dev.junction.guard.Redaction;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The output policies on a legacy completion ({@code /v1/completions}). A streamed answer runs each choice's text
 * through the same {@link OutputGuard} as a chat's, and through a {@link HeldAnswerGuard} when external guards apply,
 * in canonical form ({@link CompletionOperation#through}). A complete answer has every {@code choices[].text}
 * checked: a {@code block} answers 400, a {@code redact} masks the texts in the body, and the external guards run after
 * the local detectors. Runs on the request's event loop.
 */
final class CompletionGuard {

    private CompletionGuard() {
    }

    /** Runs the rest of the chain with {@code output} on the completion's answer. */
    static Future<Reply> proceed(Exchange exchange, Chain chain, List<GuardPolicy> output, GuardResults results) {
        if (output.isEmpty() || !(exchange.operation() instanceof CompletionOperation completion)) {
            return chain.proceed(exchange);
        }
        boolean remote = RemoteScan.needed(output);
        if (completion.stream()) {
            CompletionOperation guarded = completion.through(new OutputGuard(output, Optional.empty(), results));
            exchange.operation(remote ? guarded.through(new HeldAnswerGuard(scan(exchange), output, results))
                    : guarded);
            return chain.proceed(exchange);
        }
        return chain.proceed(exchange).compose(reply -> {
            if (!(reply instanceof Reply.Json json) || !json.body().path("choices").isArray()) {
                return Future.succeededFuture(reply);
            }
            Reply checked = local(json, output, results);
            return remote && checked instanceof Reply.Json local ? remote(exchange, local, output, results)
                    : Future.succeededFuture(checked);
        });
    }

    /** The local detectors on every choice's text. */
    private static Reply local(Reply.Json json, List<GuardPolicy> output, GuardResults results) {
        PolicyScan scan = new PolicyScan(output, GuardPolicy.Direction.OUTPUT);
        Redaction redaction = new Redaction();
        ObjectNode body = ((ObjectNode) json.body()).deepCopy();
        boolean changed = false;
        for (JsonNode choice : body.path("choices")) {
            if (choice instanceof ObjectNode c && c.path("text").isString()) {
                String text = c.get("text").stringValue();
                String masked = redaction.mask(text, scan.scan(text));
                if (scan.blocked()) {
                    results.addAll(scan.hits());
                    return new Reply.Refused(GuardStage.blocked(scan.blockMessage()));
                }
                if (!masked.equals(text)) {
                    c.put("text", masked);
                    changed = true;
                }
            }
        }
        results.addAll(scan.hits());
        return changed ? new Reply.Json(body) : json;
    }

    /** The external guards on every choice's text, as the local detectors left it. */
    private static Future<Reply> remote(Exchange exchange, Reply.Json json, List<GuardPolicy> output,
                                        GuardResults results) {
        List<ObjectNode> choices = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (JsonNode choice : json.body().path("choices")) {
            if (choice instanceof ObjectNode c && c.path("text").isString()) {
                choices.add(c);
                texts.add(c.get("text").stringValue());
            }
        }
        return scan(exchange).run(output, texts).map(result -> {
            results.addAll(result.hits());
            if (result.refusal().isPresent()) {
                return new Reply.Refused(result.refusal().get());
            }
            if (!result.changed(texts)) {
                return json;
            }
            ObjectNode body = ((ObjectNode) json.body()).deepCopy();
            int i = 0;
            for (JsonNode choice : body.path("choices")) {
                if (choice instanceof ObjectNode c && c.path("text").isString()) {
                    c.put("text", result.texts().get(i++));
                }
            }
            return new Reply.Json(body);
        });
    }

    private static RemoteScan scan(Exchange exchange) {
        return new RemoteScan(exchange.runtime().http(), GuardPolicy.Direction.OUTPUT, exchange.requestId(),
                new Redaction());
    }
}
