package dev.junction.stage.guard;

import dev.junction.config.GuardPolicy;
import dev.junction.endpoint.ChatOperation;
import dev.junction.endpoint.responses.ResponsesOperation;
import dev.junction.events.GuardrailTriggered;
import dev.junction.governance.Caller;
import dev.junction.guard.Redaction;
import dev.junction.model.ChatRequest;
import dev.junction.model.GatewayError;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Outcome;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Guardrails on the request path, after the route is resolved and before the rate limits (a blocked request spends no
 * limit or budget, and a redacted one is counted as the upstream will see it). The policies that apply to the
 * request (its route, key, team, tenant) run their input detectors over the prose of the body: a {@code block}
 * refuses it with a 400 in the client's dialect naming the policy and entity types, a {@code redact} rewrites the
 * operation with the findings masked (the body a same-dialect upstream receives, and its canonical form), a
 * {@code flag} only reports. When the request is over, its distinct hits go to the request log and, as
 * {@link GuardrailTriggered} events, to the metrics. Policies on the output add an {@link OutputGuard} to a streamed
 * answer and check a complete one ({@link CompleteGuard}). A request no policy applies to is neither scanned nor given
 * a transform, and keeps the byte fast path. External HTTP guards ({@link RemoteScan}) run after the local detectors,
 * on the texts as those left them: the future of the call is chained, never waited for; on a streamed answer they
 * check the whole answer before it leaves ({@link HeldAnswerGuard}). Guarded operations: chat turns of the three chat
 * dialects and the Responses API ({@link GuardedBody}), and, input policies only, the texts of the other operations
 * ({@link GuardedTexts}: embeddings, image prompts, rerank, moderations, legacy completions, speech), and output
 * policies on legacy completions too ({@link CompletionGuard}); transcriptions and image variations carry no text and
 * pass.
 */
public final class GuardStage implements Stage {

    /** The error code of a refusal, in the dialects that carry one. */
    static final String BLOCKED_CODE = "guardrail_blocked";

    private static final Exchange.Attribute<GuardResults> RESULTS = new Exchange.Attribute<>("guardrail results");

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        List<GuardPolicy> all = exchange.runtime().config().guardrails().policies();
        if (all.isEmpty()) {
            return chain.proceed(exchange);
        }
        Optional<GuardedBody> guarded = GuardedBody.of(exchange.operation());
        Optional<GuardedTexts> others = guarded.isEmpty() ? GuardedTexts.of(exchange.operation()) : Optional.empty();
        if (guarded.isEmpty() && others.isEmpty()) {
            return chain.proceed(exchange);
        }
        List<GuardPolicy> applicable = all.stream().filter(p -> applies(p, exchange)).toList();
        if (applicable.isEmpty()) {
            return chain.proceed(exchange);
        }
        GuardResults results = new GuardResults();
        exchange.attach(RESULTS, results);
        List<GuardPolicy> input = applicable.stream().filter(p -> p.on().input()).toList();
        List<GuardPolicy> output = applicable.stream().filter(p -> p.on().output()).toList();
        if (others.isPresent()) {
            return TextsGuard.check(exchange, others.get(), input, results).compose(refusal -> refusal
                    .<Future<Reply>>map(r -> Future.succeededFuture(new Reply.Refused(r)))
                    .orElseGet(() -> CompletionGuard.proceed(exchange, chain, output, results)));
        }
        Redaction redaction = new Redaction();
        boolean restoring = input.stream().anyMatch(GuardPolicy::restore);
        if (!input.isEmpty()) {
            PolicyScan scan = new PolicyScan(input, GuardPolicy.Direction.INPUT);
            ObjectNode body = guarded.get().body();
            RequestTexts.forEach(body, text -> {
                scan.scan(text);
                return !scan.blocked();
            });
            if (scan.blocked()) {
                results.addAll(scan.hits());
                return Future.succeededFuture(new Reply.Refused(blocked(scan.blockMessage())));
            }
            if (scan.redacts()) {
                scan.forgetHits();
                ObjectNode masked = RequestTexts.rewritten(body, text -> redaction.mask(text, scan.scan(text)));
                exchange.operation(guarded.get().rewrite().apply(masked));
            }
            results.addAll(scan.hits());
        }
        if (!RemoteScan.needed(input)) {
            return proceed(exchange, chain, output, restoring(restoring, redaction), results);
        }
        GuardedBody current = GuardedBody.of(exchange.operation()).orElseThrow();
        List<String> texts = new ArrayList<>();
        RequestTexts.forEach(current.body(), texts::add);
        RemoteScan remote = new RemoteScan(exchange.runtime().http(), GuardPolicy.Direction.INPUT,
                exchange.requestId(), redaction);
        return remote.run(input, texts).compose(result -> {
            results.addAll(result.hits());
            if (result.refusal().isPresent()) {
                return Future.succeededFuture(new Reply.Refused(result.refusal().get()));
            }
            if (result.changed(texts)) {
                Map<String, String> masks = new HashMap<>();
                for (int i = 0; i < texts.size(); i++) {
                    masks.putIfAbsent(texts.get(i), result.texts().get(i));
                }
                exchange.operation(current.rewrite().apply(RequestTexts.rewritten(current.body(),
                        text -> masks.getOrDefault(text, text))));
            }
            return proceed(exchange, chain, output, restoring(restoring, redaction), results);
        });
    }

    private static Optional<Redaction> restoring(boolean restore, Redaction redaction) {
        return restore && redaction.masked() ? Optional.of(redaction) : Optional.empty();
    }

    /** Runs the rest of the chain with the output policies (and the input's restoring redaction) on its answer. */
    private static Future<Reply> proceed(Exchange exchange, Chain chain, List<GuardPolicy> output,
                                         Optional<Redaction> restore, GuardResults results) {
        if (output.isEmpty() && restore.isEmpty()) {
            return chain.proceed(exchange);
        }
        boolean stream = exchange.operation().stream();
        boolean remote = RemoteScan.needed(output);
        Optional<SchemaCheck> schemas = SchemaCheck.needed(output)
                ? canonical(exchange).map(request -> new SchemaCheck(output, request)) : Optional.empty();
        return chain.proceed(exchange).compose(reply -> switch (reply) {
            case Reply.Chat c when stream -> {
                Reply.Chat guarded = c.through(new OutputGuard(output, restore, results));
                if (schemas.isPresent()) {
                    guarded = guarded.through(new SchemaGuard(schemas.get(), results));
                }
                yield Future.succeededFuture(remote ? guarded.through(new HeldAnswerGuard(outputScan(exchange),
                        output, results)) : guarded);
            }
            case Reply.Chat c -> {
                Reply checked = CompleteGuard.check(c, new OutputGuard(output, restore, results));
                if (schemas.isPresent() && checked instanceof Reply.Chat cc) {
                    checked = CompleteGuard.schemas(cc, schemas.get(), results);
                }
                yield remote && checked instanceof Reply.Chat cc
                        ? CompleteGuard.remote(cc, outputScan(exchange), output, results)
                        : Future.succeededFuture(checked);
            }
            default -> Future.succeededFuture(reply);
        });
    }

    private static Optional<ChatRequest> canonical(Exchange exchange) {
        return switch (exchange.operation()) {
            case ChatOperation chat -> Optional.of(chat.request().canonical());
            case ResponsesOperation responses -> Optional.of(responses.canonical());
            default -> Optional.empty();
        };
    }

    private static RemoteScan outputScan(Exchange exchange) {
        return new RemoteScan(exchange.runtime().http(), GuardPolicy.Direction.OUTPUT, exchange.requestId(),
                new Redaction());
    }

    /** A refusal of the guardrails: a 400 whose message names the policy and entity types, never the text. */
    static GatewayError blocked(String message) {
        return new GatewayError.InvalidRequest(message, Optional.empty(), Optional.of(BLOCKED_CODE));
    }

    private static boolean applies(GuardPolicy policy, Exchange exchange) {
        GuardPolicy.Scope scope = policy.appliesTo();
        if (scope.equals(GuardPolicy.Scope.EVERYWHERE)) {
            return true;
        }
        String route = exchange.route().map(r -> r.name()).orElse("");
        Optional<Caller> caller = exchange.caller();
        String key = caller.map(c -> c.attribution().keyName()).orElse("");
        Optional<String> team = caller.flatMap(Caller::grant).flatMap(g -> g.team()).map(t -> t.name());
        Optional<String> tenant = caller.flatMap(Caller::grant).map(g -> g.tenant().name());
        return scope.matches(route, key, team, tenant);
    }

    @Override
    public void finish(Exchange exchange, Outcome outcome) {
        exchange.attached(RESULTS).filter(r -> !r.isEmpty()).ifPresent(results -> {
            exchange.record().guardrails(results.summary());
            Instant now = exchange.runtime().governance().clock().instant();
            Optional<String> tenant = exchange.caller().flatMap(c -> c.attribution().tenantId());
            for (GuardHit hit : results.hits()) {
                exchange.runtime().events().publish(new GuardrailTriggered(now, exchange.requestId(), tenant,
                        hit.policy(), hit.detector(), hit.entityType(), hit.action().label(), hit.where().label()));
            }
        });
    }
}
