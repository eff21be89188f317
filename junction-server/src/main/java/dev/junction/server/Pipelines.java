package dev.junction.server;

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
import dev.junction.stage.access.ModelScopeStage;
import dev.junction.stage.auth.AuthenticationStage;
import dev.junction.stage.budget.BudgetStage;
import dev.junction.stage.cost.CostStage;
import dev.junction.stage.limit.RateLimitStage;
import dev.junction.stage.record.RequestLogStage;
import dev.junction.stage.route.ExecuteStage;
import dev.junction.stage.route.ResolveStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The data plane's pipelines, assembled from the built-in stages in their one documented order (see
 * {@code docs/architecture.md}, "The request path"):
 * <pre>
 * request log → authentication → decode → [conversation] → resolve route → model scope → rate limits → budget
 *     → cost → extensions → execute
 * </pre>
 * ({@code conversation} only for the Responses API).
 * Informational endpoints run the same first stages and end in their own answer. Stateless stages: one instance
 * each, shared by all pipelines and event loops.
 */
final class Pipelines {

    private final Supplier<GatewayRuntime> runtime;
    private final Stage log = new RequestLogStage();
    private final Stage auth = new AuthenticationStage();
    private final Stage decode = new DecodeStage();
    private final Stage resolve = new ResolveStage();
    private final Pipeline routed;
    private final Pipeline responses;
    private final Conversations conversations;
    private final Stage conversation;
    private final ModelsHandler models = new ModelsHandler();

    /**
     * @param conversations the Responses API's stored responses
     * @param extensions stages of the embedding application, run in their order after the governance stages (the
     *     caller is known and admitted, the route resolved) and right before execution
     */
    Pipelines(Supplier<GatewayRuntime> runtime, Conversations conversations, List<Stage> extensions) {
        this.runtime = runtime;
        this.conversations = conversations;
        this.conversation = new ConversationStage(conversations);
        this.routed = new Pipeline(runtime, routedStages(Optional.empty(), extensions));
        this.responses = new Pipeline(runtime, routedStages(Optional.of(conversation), extensions));
    }

    private List<Stage> routedStages(Optional<Stage> afterDecode, List<Stage> extensions) {
        List<Stage> stages = new ArrayList<>(List.of(log, auth, decode));
        afterDecode.ifPresent(stages::add);
        stages.addAll(List.of(resolve, new ModelScopeStage(), new RateLimitStage(), new BudgetStage(),
                new CostStage()));
        stages.addAll(extensions);
        stages.add(new ExecuteStage());
        return stages;
    }

    /** The Responses API: the routed pipeline with the conversation state restored after decoding. */
    Pipeline responses() {
        return responses;
    }

    /** {@code POST /v1/responses/input_tokens}: counted with the stored conversation it continues. */
    Pipeline responsesCounting() {
        return new Pipeline(runtime, List.of(log, auth, decode, conversation, resolve,
                new TokenCountStage("input_tokens", Optional.of("response.input_tokens"))));
    }

    /** The stored-response endpoints ({@code GET}/{@code DELETE /v1/responses/{id}}, input items, cancel). */
    Pipeline storedResponses(StoredResponsesStage.Action action) {
        return new Pipeline(runtime, List.of(log, auth, new StoredResponsesStage(conversations, action)));
    }

    /** Chat turns in every dialect, and embeddings: routed, governed, priced and logged. */
    Pipeline routed() {
        return routed;
    }

    /** Token counting: authenticated, decoded and resolved, answered in-process with {@code field} in the body. */
    Pipeline counting(String field) {
        return new Pipeline(runtime, List.of(log, auth, decode, resolve, new TokenCountStage(field)));
    }

    /** {@code GET /v1/models}: the models the caller may use. */
    Pipeline modelList() {
        return new Pipeline(runtime, List.of(log, auth, models::list));
    }

    /** {@code GET /v1/models/{model}}: one model. */
    Pipeline modelLookup() {
        return new Pipeline(runtime, List.of(log, auth, models::get));
    }

    /** {@code GET /v1/me}: the caller's key, budgets and limits. */
    Pipeline me() {
        return new Pipeline(runtime, List.of(log, auth, new MeHandler()));
    }
}
