package dev.junction.stage.guard;

import dev.junction.config.GuardPolicy;
import dev.junction.dialect.anthropic.AnthropicRequestMapper;
import dev.junction.dialect.gemini.GeminiRequestMapper;
import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.endpoint.ChatOperation;
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
import dev.junction.upstream.ClientRequest;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
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
 * a transform, and keeps the byte fast path. Operations other than chat turns of the three chat dialects pass
 * unguarded.
 */
public final class GuardStage implements Stage {

    /** The error code of a refusal, in the dialects that carry one. */
    static final String BLOCKED_CODE = "guardrail_blocked";

    private static final Exchange.Attribute<GuardResults> RESULTS = new Exchange.Attribute<>("guardrail results");

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        List<GuardPolicy> all = exchange.runtime().config().guardrails().policies();
        if (all.isEmpty() || !(exchange.operation() instanceof ChatOperation chat)) {
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
        Optional<Redaction> restoring = Optional.empty();
        if (!input.isEmpty()) {
            PolicyScan scan = new PolicyScan(input, GuardPolicy.Direction.INPUT);
            ObjectNode body = chat.request().body();
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
                Redaction redaction = new Redaction();
                ObjectNode masked = RequestTexts.rewritten(body, text -> redaction.mask(text, scan.scan(text)));
                exchange.operation(chat.withRequest(chat.request().withBody(masked, canonical(chat, masked))));
                if (input.stream().anyMatch(GuardPolicy::restore)) {
                    restoring = Optional.of(redaction);
                }
            }
            results.addAll(scan.hits());
        }
        if (output.isEmpty() && restoring.isEmpty()) {
            return chain.proceed(exchange);
        }
        Optional<Redaction> restore = restoring;
        boolean stream = exchange.operation().stream();
        return chain.proceed(exchange).map(reply -> switch (reply) {
            case Reply.Chat c when stream -> c.through(new OutputGuard(output, restore, results));
            case Reply.Chat c -> CompleteGuard.check(c, new OutputGuard(output, restore, results));
            default -> reply;
        });
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

    /** The canonical form of a masked body, read by the client dialect's own mapper. */
    private static ChatRequest canonical(ChatOperation chat, ObjectNode masked) {
        ClientRequest request = chat.request();
        return switch (request.dialect()) {
            case OPENAI_CHAT -> OpenAiRequestMapper.toCanonical(masked);
            case ANTHROPIC -> AnthropicRequestMapper.toCanonical(masked);
            case GEMINI -> GeminiRequestMapper.toCanonical(masked, request.model(), request.stream());
            case OPENAI_RESPONSES, BEDROCK_CONVERSE, COHERE, OLLAMA, ELEVENLABS, DEEPGRAM -> throw new IllegalStateException(
                    "no client speaks " + request.dialect() + " through a chat operation");
        };
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
