package dev.junction.server;

import dev.junction.cache.runtime.ResponseCache;
import dev.junction.endpoint.MeHandler;
import dev.junction.endpoint.ModelsHandler;
import dev.junction.conversation.Conversations;
import dev.junction.endpoint.TokenCountStage;
import dev.junction.endpoint.responses.ConversationStage;
import dev.junction.endpoint.responses.StoredResponsesStage;
import dev.junction.pipeline.DecodeStage;
import dev.junction.pipeline.Pipeline;
import dev.junction.pipeline.Stage;
import dev.junction.runtime.GatewayRuntime;
import dev.junction.stage.access.CapabilityStage;
import dev.junction.stage.access.ModelScopeStage;
import dev.junction.stage.auth.AuthenticationStage;
import dev.junction.stage.budget.BudgetStage;
import dev.junction.stage.cache.CacheLookupStage;
import dev.junction.stage.cache.CacheStage;
import dev.junction.stage.cost.CostStage;
import dev.junction.stage.extension.ExtensionHost;
import dev.junction.stage.guard.GuardStage;
import dev.junction.stage.limit.RateLimitStage;
import dev.junction.stage.playground.DeploymentPinStage;
import dev.junction.stage.playground.PlaygroundStage;
import dev.junction.stage.record.RequestLogStage;
import dev.junction.stage.route.ExecuteStage;
import dev.junction.stage.route.ResolveStage;
import dev.junction.stage.route.TenantRouteStage;
import dev.junction.stage.trace.TraceStage;
import dev.junction.trace.Tracing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The data plane's pipelines, assembled from the built-in stages in their one documented order (see
 * {@code docs/architecture.md}, "The request path"):
 * <pre>
 * request log → [trace] → authentication → decode → [conversation] → resolve route → model scope → capability
 *     → guardrails → [cache lookup] → rate limits → budget → cost → [cache] → [embedder's stages] → [extensions]
 *     → execute
 * </pre>
 * ({@code trace} only when tracing is on, in every pipeline; {@code conversation} only for the Responses API; the
 * two cache stages only when the response cache is on, not in the playground). The
 * playground's pipeline has the playground's caller in place of authentication and a deployment pin after resolve.
 * Informational endpoints run the same first stages and end in their own answer. Stateless stages: one instance
 * each, shared by all pipelines and event loops.
 */
final class Pipelines {

    private final Supplier<GatewayRuntime> runtime;
    private final Stage log = new RequestLogStage();
    /** The stages every pipeline starts with: the request log, then the trace when tracing is on. */
    private final List<Stage> head;
    private final Stage auth = new AuthenticationStage();
    private final Stage decode = new DecodeStage();
    private final Stage resolve = new ResolveStage();
    private final Stage guard = new GuardStage();
    private final Pipeline routed;
    private final Pipeline responses;
    private final Pipeline playground;
    private final Conversations conversations;
    private final Stage conversation;
    private final ModelsHandler models = new ModelsHandler();
    private final Optional<ResponseCache> cache;

    /**
     * @param conversations the Responses API's stored responses
     * @param tracing the gateway's traces; its stage runs right inside the request log's when it is on
     * @param extensions stages of the embedding application, run in their order after the governance stages (the
     *     caller is known and admitted, the route resolved) and right before execution
     * @param cache the response cache, when it is on
     */
    Pipelines(Supplier<GatewayRuntime> runtime, Conversations conversations, List<Stage> extensions,
              ExtensionHost plugins, Tracing tracing, Optional<ResponseCache> cache) {
        this.runtime = runtime;
        this.cache = cache;
        this.head = tracing.enabled() ? List.of(log, new TraceStage(tracing)) : List.of(log);
        this.conversations = conversations;
        this.conversation = new ConversationStage(conversations);
        List<Stage> withPlugins = new ArrayList<>(extensions);
        withPlugins.add(plugins.stage());
        this.routed = switched(plugins, routedStages(Optional.empty(), extensions),
                routedStages(Optional.empty(), withPlugins));
        this.responses = switched(plugins, routedStages(Optional.of(conversation), extensions),
                routedStages(Optional.of(conversation), withPlugins));
        this.playground = switched(plugins, playgroundStages(extensions), playgroundStages(withPlugins));
    }

    /**
     * A pipeline with the extension stage only while some extension runs: without one, a request's chain is exactly
     * the built-in stages (and an embedder's), so streams keep the byte fast path and nothing is paid per request
     * beyond one volatile read.
     */
    private Pipeline switched(ExtensionHost plugins, List<Stage> without, List<Stage> with) {
        List<Stage> plain = List.copyOf(without);
        List<Stage> extended = List.copyOf(with);
        return new Pipeline(runtime, () -> plugins.any() ? extended : plain);
    }

    /**
     * The routed stages with the playground's caller in place of authentication and the deployment pin right after
     * the route is resolved; the limit and budget stages stay (the operator has no grant, so they let it through).
     */
    private List<Stage> playgroundStages(List<Stage> extensions) {
        List<Stage> stages = new ArrayList<>(head);
        stages.addAll(List.of(new PlaygroundStage(), decode, resolve, new DeploymentPinStage(), new ModelScopeStage(),
                new CapabilityStage(), guard, new RateLimitStage(), new BudgetStage(), new CostStage()));
        stages.addAll(extensions);
        stages.add(new ExecuteStage());
        return stages;
    }

    /** The console's playground ({@code POST /api/admin/playground/chat/completions}): routed, priced, logged. */
    Pipeline playground() {
        return playground;
    }

    private List<Stage> routedStages(Optional<Stage> afterDecode, List<Stage> extensions) {
        List<Stage> stages = new ArrayList<>(head);
        stages.addAll(List.of(auth, decode));
        afterDecode.ifPresent(stages::add);
        stages.addAll(List.of(resolve, new ModelScopeStage(), new CapabilityStage(), new TenantRouteStage(), guard));
        cache.ifPresent(c -> stages.add(new CacheLookupStage(c)));
        stages.addAll(List.of(new RateLimitStage(), new BudgetStage(), new CostStage()));
        cache.ifPresent(c -> stages.add(new CacheStage(c)));
        stages.addAll(extensions);
        stages.add(new ExecuteStage());
        return stages;
    }

    /** The head stages followed by {@code rest}. */
    private List<Stage> stages(Stage... rest) {
        List<Stage> stages = new ArrayList<>(head);
        stages.addAll(List.of(rest));
        return stages;
    }

    /** The Responses API: the routed pipeline with the conversation state restored after decoding. */
    Pipeline responses() {
        return responses;
    }

    /** {@code POST /v1/responses/input_tokens}: counted with the stored conversation it continues. */
    Pipeline responsesCounting() {
        return new Pipeline(runtime, stages(auth, decode, conversation, resolve,
                new TokenCountStage("input_tokens", Optional.of("response.input_tokens"))));
    }

    /** The stored-response endpoints ({@code GET}/{@code DELETE /v1/responses/{id}}, input items, cancel). */
    Pipeline storedResponses(StoredResponsesStage.Action action) {
        return new Pipeline(runtime, stages(auth, new StoredResponsesStage(conversations, action)));
    }

    /** Chat turns in every dialect, and embeddings: routed, governed, priced and logged. */
    Pipeline routed() {
        return routed;
    }

    /** Token counting: authenticated, decoded and resolved, answered in-process with {@code field} in the body. */
    Pipeline counting(String field) {
        return new Pipeline(runtime, stages(auth, decode, resolve, new TokenCountStage(field)));
    }

    /** {@code GET /v1/models}: the models the caller may use. */
    Pipeline modelList() {
        return new Pipeline(runtime, stages(auth, models::list));
    }

    /** {@code GET /v1/models/{model}}: one model. */
    Pipeline modelLookup() {
        return new Pipeline(runtime, stages(auth, models::get));
    }

    /** {@code GET /v1/me}: the caller's key, budgets and limits. */
    Pipeline me() {
        return new Pipeline(runtime, stages(auth, new MeHandler()));
    }
}
