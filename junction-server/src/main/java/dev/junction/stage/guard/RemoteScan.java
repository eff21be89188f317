package dev.junction.stage.guard;

import dev.junction.config.GuardPolicy;
import dev.junction.config.GuardWebhook;
import dev.junction.guard.Redaction;
import dev.junction.model.GatewayError;
import dev.junction.upstream.HttpUpstreamClient;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The external HTTP guards of a set of policies over the texts of one direction, one call after another (each guard
 * sees the texts as the previous one left them), judged by each policy: a {@code deny} blocks unless the policy's
 * action for the entity type (or the guard's name) is {@code flag}; a {@code redact} masks; a failed call follows the
 * guard's {@code fail_open} (the texts pass with a flagged {@code WEBHOOK_FAILED} hit) or refuses with a 503. Runs on the request's event loop; never blocks.
 */
final class RemoteScan {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteScan.class);

    /**
     * What the guards made of the texts.
     *
     * @param texts the texts as they may pass, masked where a guard redacted
     * @param refusal set when a guard blocked or a fail-closed guard failed
     */
    record Result(List<String> texts, List<GuardHit> hits, Optional<GatewayError> refusal) {
        boolean changed(List<String> original) {
            return !texts.equals(original);
        }

        /** A scan that broke inside the gateway: refused, like a guard that fails closed. */
        static Result failed(List<String> texts) {
            return new Result(texts, List.of(), Optional.of(new GatewayError.Internal(
                    "The guardrail check failed inside the gateway.")));
        }
    }

    private final HttpUpstreamClient http;
    private final GuardPolicy.Direction where;
    private final String requestId;
    private final Redaction redaction;

    /** @param redaction masks the spans guards report, so that a restoring policy can put them back */
    RemoteScan(HttpUpstreamClient http, GuardPolicy.Direction where, String requestId, Redaction redaction) {
        this.http = http;
        this.where = where;
        this.requestId = requestId;
        this.redaction = redaction;
    }

    /** Whether any of {@code policies} has an external guard. */
    static boolean needed(List<GuardPolicy> policies) {
        return policies.stream().anyMatch(p -> !p.webhooks().isEmpty());
    }

    Future<Result> run(List<GuardPolicy> policies, List<String> texts) {
        Future<Result> result = Future.succeededFuture(new Result(texts, List.of(), Optional.empty()));
        if (texts.isEmpty()) {
            return result;
        }
        for (GuardPolicy policy : policies) {
            for (GuardWebhook hook : policy.webhooks()) {
                result = result.compose(so -> so.refusal().isPresent() ? Future.succeededFuture(so)
                        : WebhookCall.ask(http, new WebhookCall.Ask(policy.name(), hook, where.label(), requestId,
                                so.texts()), redaction).map(verdict -> judged(so, policy, hook, verdict)));
            }
        }
        return result;
    }

    private Result judged(Result so, GuardPolicy policy, GuardWebhook hook, Verdict verdict) {
        List<GuardHit> hits = new ArrayList<>(so.hits());
        switch (verdict) {
            case Verdict.Allow a -> {
                return so;
            }
            case Verdict.Redact r -> {
                r.entityTypes().forEach(t -> hits.add(hit(policy, hook, t, GuardPolicy.Action.REDACT)));
                return new Result(r.texts(), hits, Optional.empty());
            }
            case Verdict.Deny d -> {
                TreeSet<String> blocked = new TreeSet<>();
                for (String type : d.entityTypes()) {
                    GuardPolicy.Action action = policy.actionFor(type, hook.name()) == GuardPolicy.Action.FLAG
                            ? GuardPolicy.Action.FLAG : GuardPolicy.Action.BLOCK;
                    hits.add(hit(policy, hook, type, action));
                    if (action == GuardPolicy.Action.BLOCK) {
                        blocked.add(type);
                    }
                }
                if (blocked.isEmpty()) {
                    return new Result(so.texts(), hits, Optional.empty());
                }
                String message = subject() + " was blocked by guardrail policy '" + policy.name() + "': "
                        + String.join(", ", blocked) + " found in the " + where.label()
                        + d.reason().map(reason -> " (" + reason + ")").orElse("") + ".";
                return new Result(so.texts(), hits, Optional.of(GuardStage.blocked(message)));
            }
            case Verdict.Failed f -> {
                LOG.warn("Guardrail webhook '{}' of policy '{}' failed for request {}: {} ({})", hook.name(),
                        policy.name(), requestId, f.why(), hook.failOpen() ? "failing open" : "failing closed");
                if (hook.failOpen()) {
                    hits.add(hit(policy, hook, GuardWebhook.FAILED, GuardPolicy.Action.FLAG));
                    return new Result(so.texts(), hits, Optional.empty());
                }
                hits.add(hit(policy, hook, GuardWebhook.FAILED, GuardPolicy.Action.BLOCK));
                return new Result(so.texts(), hits, Optional.of(new GatewayError.Unavailable(subject()
                        + " was refused: the guardrail webhook '" + hook.name() + "' of policy '" + policy.name()
                        + "' gave no answer and the policy fails closed.", Optional.empty())));
            }
        }
    }

    private GuardHit hit(GuardPolicy policy, GuardWebhook hook, String type, GuardPolicy.Action action) {
        return new GuardHit(policy.name(), hook.name(), type, action, where);
    }

    private String subject() {
        return where == GuardPolicy.Direction.OUTPUT ? "The answer" : "The request";
    }
}
