package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.POST;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import dev.junction.provider.Timeouts;
import dev.junction.routing.AttemptRecord;
import dev.junction.routing.Deployment;
import dev.junction.routing.Route;
import dev.junction.runtime.GatewayRuntime;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamReply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/admin/providers/{name}/test}: one cheap, real call to a provider of the running configuration
 * through its own adapter (the data plane's code path, with its credentials, headers and TLS settings): a chat
 * request of one user message and one output token, the same as an active health check sends. Providers have no
 * listing every dialect offers, so a one-token request is the check that works for all of them, and it also proves
 * that the model answers. The answer says whether it worked, how long it took, the upstream's status when one is known
 * and the error in the data plane's own words (which name the provider, never its key, host or port). It changes
 * nothing: no health, no request log, no audit entry; it costs the provider one token.
 */
final class ProviderTestResource {

    private static final Set<String> FIELDS = Set.of("model");
    /** The longest a test may take, whatever the provider's own timeouts: an operator is waiting for the answer. */
    private static final Timeouts CAP = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(20),
            Duration.ofSeconds(20), Duration.ofSeconds(30));
    private static final Pattern HTTP_STATUS = Pattern.compile("\\(HTTP (\\d{3})\\)");

    private final Supplier<GatewayRuntime> runtime;

    ProviderTestResource(Supplier<GatewayRuntime> runtime) {
        this.runtime = runtime;
    }

    List<AdminRoute> routes() {
        return List.of(AdminRoute.of(POST, "/api/admin/providers/{name}/test", this::test));
    }

    private CompletionStage<Reply> test(Call call) {
        call.query(Set.of());
        String name = call.param("name");
        boolean hasBody = call.ctx().body() != null && call.ctx().body().buffer() != null
                && call.ctx().body().buffer().length() > 0;
        Optional<String> asked = hasBody ? call.body(FIELDS).string("model") : Optional.empty();
        GatewayRuntime current = runtime.get();
        ProviderConfig provider = current.config().providers().get(name);
        if (provider == null) {
            throw AdminError.notFound("active provider", name);
        }
        String model = asked.or(() -> modelOf(current, name)).orElseThrow(() -> AdminError.invalid("The provider '"
                + name + "' lists no model and no route uses it: send {\"model\": \"…\"} to name the model to try."));
        ProviderConfig capped = provider.withTimeouts(cap(provider.timeouts()));
        ObjectNode request = Json.object().put("model", model).put("max_completion_tokens", 1);
        request.putArray("messages").addObject().put("role", "user").put("content", "ping");
        ClientRequest client = new ClientRequest(Dialect.OPENAI_CHAT, request,
                OpenAiRequestMapper.toCanonical(request));
        long started = System.nanoTime();
        CompletableFuture<Reply> answer = new CompletableFuture<>();
        try {
            current.adapter(capped).send(new UpstreamCall(client, capped, model, provider.params(), "connection-test",
                    new Cancellation())).onComplete(ar -> {
                        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
                        if (ar.succeeded()) {
                            release(ar.result());
                            answer.complete(Reply.ok(result(name, model, ms, Optional.empty())));
                        } else {
                            answer.complete(Reply.ok(result(name, model, ms,
                                    Optional.of(UpstreamFailure.errorOf(ar.cause())))));
                        }
                    });
        } catch (RuntimeException e) {
            answer.complete(Reply.ok(result(name, model, 0, Optional.of(UpstreamFailure.errorOf(e)))));
        }
        return answer;
    }

    /** The model a route sends to this provider (the first deployment naming it), else the provider's first. */
    private static Optional<String> modelOf(GatewayRuntime runtime, String provider) {
        for (Route route : runtime.config().routes().values()) {
            for (Deployment d : route.deployments()) {
                if (d.provider().equals(provider) && !d.model().equals("*")) {
                    return Optional.of(d.model());
                }
            }
        }
        return runtime.config().providers().get(provider).models().stream().findFirst();
    }

    private static Timeouts cap(Timeouts t) {
        return new Timeouts(min(t.connect(), CAP.connect()), min(t.firstByte(), CAP.firstByte()),
                min(t.idle(), CAP.idle()), min(t.total(), CAP.total()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * {@code ok}, {@code latency_ms}, {@code model}; on failure also {@code status} (what the gateway would answer a
     * client), {@code reason} (as in {@code X-Junction-Attempts}), {@code upstream_status} (the upstream's HTTP
     * status, null when it never answered) and {@code error}, the data plane's message.
     */
    private static ObjectNode result(String provider, String model, long ms, Optional<GatewayError> error) {
        ObjectNode body = Json.object().put("provider", provider).put("model", model).put("ok", error.isEmpty())
                .put("latency_ms", ms);
        if (error.isEmpty()) {
            return body.put("upstream_status", 200);
        }
        GatewayError e = error.get();
        body.put("status", e.status()).put("reason", AttemptRecord.reason(e));
        OptionalInt upstream = upstreamStatus(e);
        if (upstream.isPresent()) {
            body.put("upstream_status", upstream.getAsInt());
        } else {
            body.putNull("upstream_status");
        }
        return body.put("error", e.message());
    }

    /** The upstream's status when the error came from an answer that says it; empty for network failures. */
    private static OptionalInt upstreamStatus(GatewayError e) {
        return switch (e) {
            case GatewayError.UpstreamRejected r -> OptionalInt.of(r.status());
            case GatewayError.RateLimited r -> OptionalInt.of(429);
            default -> {
                Matcher m = HTTP_STATUS.matcher(e.message());
                yield m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
            }
        };
    }

    /** A test asks for a complete body; should an upstream stream anyway, stop it. */
    private static void release(UpstreamReply reply) {
        switch (reply) {
            case UpstreamReply.WireStream w -> w.events().cancel();
            case UpstreamReply.CanonicalStream c -> c.events().cancel();
            default -> { }
        }
    }
}
