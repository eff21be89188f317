package dev.junction.runtime;

import dev.junction.auth.AccessMode;
import dev.junction.auth.CallerAuthenticator;
import dev.junction.auth.KeyAuthenticator;
import dev.junction.config.GatewayConfig;
import dev.junction.config.GatewayKey;
import dev.junction.dialect.anthropic.AnthropicProviderAdapter;
import dev.junction.dialect.bedrock.BedrockAuth;
import dev.junction.dialect.bedrock.BedrockClaudeAdapter;
import dev.junction.dialect.bedrock.BedrockCredentials;
import dev.junction.dialect.bedrock.BedrockEmbeddingAdapter;
import dev.junction.dialect.bedrock.BedrockEndpoint;
import dev.junction.dialect.bedrock.BedrockPlatform;
import dev.junction.dialect.bedrock.BedrockProviderAdapter;
import dev.junction.dialect.cohere.CohereEmbeddingAdapter;
import dev.junction.dialect.cohere.CohereProviderAdapter;
import dev.junction.dialect.azure.AzureErrors;
import dev.junction.dialect.azure.AzurePlatform;
import dev.junction.dialect.azure.AzureEndpoint;
import dev.junction.dialect.gemini.GeminiEmbeddingAdapter;
import dev.junction.dialect.gemini.GeminiProviderAdapter;
import dev.junction.dialect.ollama.OllamaEmbeddingAdapter;
import dev.junction.dialect.ollama.OllamaProviderAdapter;
import dev.junction.dialect.openai.OpenAiEmbeddingAdapter;
import dev.junction.dialect.openai.OpenAiProviderAdapter;
import dev.junction.crypto.SealedReasoning;
import dev.junction.dialect.responses.ReasoningSeal;
import dev.junction.dialect.responses.ResponsesProviderAdapter;
import dev.junction.dialect.vertex.VertexAdapters;
import dev.junction.dialect.vertex.VertexPlatform;
import dev.junction.events.EventBus;
import dev.junction.governance.Governance;
import dev.junction.governance.Governor;
import dev.junction.mock.MockProvider;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import dev.junction.routing.DeploymentGate;
import dev.junction.routing.ModelResolver;
import dev.junction.routing.RouteExecutor;
import dev.junction.routing.health.HealthTracker;
import dev.junction.routing.strategy.Strategy;
import dev.junction.secret.Redactor;
import dev.junction.secret.Secret;
import dev.junction.audio.SpeechAdapter;
import dev.junction.audio.TranscriptionAdapter;
import dev.junction.completion.CompletionAdapter;
import dev.junction.moderation.ModerationAdapter;
import dev.junction.upstream.BearerTokens;
import dev.junction.upstream.EmbeddingAdapter;
import dev.junction.image.ImageAdapter;
import dev.junction.rerank.RerankAdapter;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.MediaFetcher;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import java.time.Clock;

/**
 * Everything the data plane needs, derived once from a {@link GatewayConfig}: resolver, executor, authenticator,
 * redactor. Immutable and shared by all event loops; a configuration change builds a new runtime.
 */
public final class GatewayRuntime {

    private final GatewayConfig config;
    private final ModelResolver resolver;
    private final RouteExecutor executor;
    private final Function<ProviderConfig, ProviderAdapter> adapters;
    private final KeyAuthenticator authenticator;
    private final CallerAuthenticator callers;
    private final Governance governance;
    private final Redactor redactor;
    private final Function<ProviderConfig, EmbeddingAdapter> embeddings;
    private final AudioTextAdapters audioText;
    private final OperationAdapters operations;
    private final ReasoningSeal seal;
    private final EventBus events;
    private final HttpUpstreamClient http;
    private final Set<Object> tokenIdentities;

    /**
     * @param health the deployments' health, kept by the server across configuration reloads
     * @param strategies strategy state by route group, kept across reloads likewise
     * @param governance the store, limits, budgets and request log, kept by the server for its whole life
     * @param events the gateway's observers, kept by the server for its whole life
     * @param tokens the cloud platforms' token sources (Entra ID, Google), kept by the server for its whole life
     */
    public GatewayRuntime(GatewayConfig config, Vertx vertx, HttpUpstreamClient http, MediaFetcher media,
                          HealthTracker health, Map<String, Strategy> strategies, Governance governance,
                          EventBus events, BearerTokens tokens) {
        this.config = config;
        this.events = events;
        this.http = http;
        this.governance = governance;
        List<Secret> secrets = new ArrayList<>();
        config.providers().values().forEach(p -> {
            p.apiKey().ifPresent(secrets::add);
            p.keys().keys().forEach(k -> secrets.add(k.secret()));
            // Extra headers often carry credentials too (Azure's api-key, tenant tokens).
            p.headers().values().stream().filter(v -> v.length() >= 12).map(Secret::of).forEach(secrets::add);
            if (p.platform() instanceof VertexPlatform vertexPlatform) {
                secrets.addAll(vertexPlatform.secrets());
            }
            if (p.platform() instanceof BedrockPlatform b) {
                Stream.of(b.accessKeyId(), b.secretAccessKey(), b.sessionToken(), b.apiKey())
                        .flatMap(Optional::stream).forEach(secrets::add);
            }
            if (p.platform() instanceof AzurePlatform azure) {
                azure.entra().ifPresent(entra -> secrets.add(entra.clientSecret()));
            }
        });
        config.keys().stream().map(GatewayKey::key).forEach(secrets::add);
        config.adminKeys().stream().map(GatewayKey::key).forEach(secrets::add);
        config.redisUrl().filter(url -> url.contains("@")).map(Secret::of).ifPresent(secrets::add);
        config.governance().database().password().ifPresent(secrets::add);
        config.governance().secretKey().ifPresent(secrets::add);
        config.governance().previousSecretKeys().forEach(secrets::add);
        this.redactor = Redactor.of(secrets);
        this.resolver = new ModelResolver(config.routes(), config.aliases(), config.providers());
        MockProvider mock = new MockProvider(vertx);
        ProviderAdapter openai = new OpenAiProviderAdapter(http, redactor);
        ProviderAdapter anthropic = new AnthropicProviderAdapter(http, redactor);
        ProviderAdapter gemini = new GeminiProviderAdapter(http, media, redactor);
        this.seal = new SealedReasoning(governance.secrets());
        ProviderAdapter responses = new ResponsesProviderAdapter(http, redactor, seal);
        BedrockEndpoint bedrockAt = new BedrockEndpoint(new BedrockAuth(new BedrockCredentials(vertx,
                Clock.systemUTC()), Clock.systemUTC()), redactor);
        ProviderAdapter bedrock = new BedrockProviderAdapter(http, media, bedrockAt, redactor);
        ProviderAdapter bedrockClaude = new BedrockClaudeAdapter(http, media, bedrockAt, redactor);
        ProviderAdapter cohere = CohereProviderAdapter.create(http, media, redactor);
        ProviderAdapter ollama = OllamaProviderAdapter.create(http, media, redactor);
        AzureEndpoint azure = new AzureEndpoint(http, tokens, governance.clock());
        ProviderAdapter azureChat = new OpenAiProviderAdapter(http, redactor, azure, AzureErrors::classify);
        ProviderAdapter azureResponses = new ResponsesProviderAdapter(http, redactor, seal, azure,
                AzureErrors::classify);
        VertexAdapters vertexAi = new VertexAdapters(vertx, http, media, redactor, tokens);
        ProviderAdapter noChat = call -> Future.failedFuture(new UpstreamFailure(new GatewayError.InvalidRequest(
                "The provider '" + call.provider().name() + "' has no chat API (it serves audio only).",
                Optional.of("model"), Optional.empty())));
        this.audioText = new AudioTextAdapters(http, redactor, azure);
        this.tokenIdentities = tokenIdentities(config, List.of(azure, vertexAi.endpoint()));
        this.adapters = (ProviderConfig p) -> p.name().equals(MockProvider.NAME) ? mock
                : p.platform() instanceof AzurePlatform ? (p.dialect() == Dialect.OPENAI_RESPONSES ? azureResponses
                : azureChat) : p.platform() instanceof VertexPlatform ? vertexAi.chat(p) : switch (p.dialect()) {
            case OPENAI_CHAT -> openai;
            case ANTHROPIC -> p.platform() instanceof BedrockPlatform ? bedrockClaude : anthropic;
            case GEMINI -> gemini;
            case OPENAI_RESPONSES -> responses;
            case BEDROCK_CONVERSE -> bedrock;
            case COHERE -> cohere;
            case OLLAMA -> ollama;
            case ELEVENLABS, DEEPGRAM -> noChat;
        };
        this.executor = new RouteExecutor(config.providers(), adapters, health, new RouteExecutor.Timers() {
                    @Override
                    public long set(long delayMillis, Runnable action) {
                        return vertx.setTimer(delayMillis, id -> action.run());
                    }

                    @Override
                    public void cancel(long id) {
                        vertx.cancelTimer(id);
                    }
                }, name -> resolver.resolve(name), strategies, governance.sharedDeploymentLimits()
                        .orElse(DeploymentGate.OPEN));
        EmbeddingAdapter openAiEmbeddings = new OpenAiEmbeddingAdapter(http, redactor);
        EmbeddingAdapter geminiEmbeddings = new GeminiEmbeddingAdapter(http, redactor);
        EmbeddingAdapter cohereEmbeddings = CohereEmbeddingAdapter.create(http, redactor);
        EmbeddingAdapter ollamaEmbeddings = OllamaEmbeddingAdapter.create(http, redactor);
        EmbeddingAdapter bedrockEmbeddings = new BedrockEmbeddingAdapter(http, bedrockAt, redactor);
        EmbeddingAdapter noEmbeddings = (request, provider, model, requestId, cancellation) ->
                Future.failedFuture(new UpstreamFailure(new GatewayError.InvalidRequest("The provider '"
                        + provider.name() + "' has no embeddings API; route this model to an OpenAI-compatible, "
                        + "Gemini, Cohere or Ollama provider.", Optional.of("model"), Optional.empty())));
        EmbeddingAdapter azureEmbeddings = new OpenAiEmbeddingAdapter(http, redactor, azure, AzureErrors::classify);
        this.embeddings = p -> p.name().equals(MockProvider.NAME) ? mock
                : p.platform() instanceof AzurePlatform ? azureEmbeddings
                : p.platform() instanceof VertexPlatform ? vertexAi.embeddings(p) : switch (p.dialect()) {
            case OPENAI_CHAT, OPENAI_RESPONSES -> openAiEmbeddings;
            case GEMINI -> geminiEmbeddings;
            case COHERE -> cohereEmbeddings;
            case OLLAMA -> ollamaEmbeddings;
            case ANTHROPIC, BEDROCK_CONVERSE -> p.platform() instanceof BedrockPlatform ? bedrockEmbeddings
                    : noEmbeddings;
            case ELEVENLABS, DEEPGRAM -> noEmbeddings;
        };
        this.operations = new OperationAdapters(http, redactor, azure, vertexAi);
        this.authenticator = new KeyAuthenticator(config.keys());
        this.callers = new CallerAuthenticator(authenticator,
                AccessMode.of(config, governance.startedWithVirtualKeys()), governance::snapshot,
                Optional.of(governance.virtualKeys()), Optional.of(governance.keyLookup()), governance.clock());
    }

    private static Set<Object> tokenIdentities(GatewayConfig config, List<UpstreamEndpoint> tokenEndpoints) {
        Set<Object> identities = new HashSet<>();
        for (ProviderConfig provider : config.providers().values()) {
            tokenEndpoints.forEach(endpoint -> endpoint.tokenIdentity(provider).ifPresent(identities::add));
        }
        return Set.copyOf(identities);
    }

    /**
     * The identities of the platform token sources this configuration's providers use, for the server's
     * {@link BearerTokens} to keep (and drop the others').
     */
    public Set<Object> tokenIdentities() {
        return tokenIdentities;
    }

    /** The HTTP client of upstream calls, shared by the stages that call out (the guardrails' webhooks). */
    public HttpUpstreamClient http() {
        return http;
    }

    /** Finds the caller of a data-plane request: a virtual key or a configured gateway key. */
    public CallerAuthenticator callers() {
        return callers;
    }

    /** Where finished requests and other happenings are published for metrics, traces, alerts and analytics. */
    public EventBus events() {
        return events;
    }

    /** The store, limits, budgets and request log. */
    public Governance governance() {
        return governance;
    }

    /** Lets requests in, within their caller's scope, limits and budgets. */
    public Governor governor() {
        return governance.governor();
    }

    public GatewayConfig config() {
        return config;
    }

    public ModelResolver resolver() {
        return resolver;
    }

    /** The chat adapter that speaks to a provider. */
    public ProviderAdapter adapter(ProviderConfig provider) {
        return adapters.apply(provider);
    }

    public RouteExecutor executor() {
        return executor;
    }

    public KeyAuthenticator authenticator() {
        return authenticator;
    }

    /** The adapter that embeds at this provider (one that fails clearly when the provider cannot embed). */
    public EmbeddingAdapter embeddingAdapter(ProviderConfig provider) {
        return embeddings.apply(provider);
    }

    /** The adapter that speaks text at this provider (one that fails clearly when the provider cannot). */
    public SpeechAdapter speechAdapter(ProviderConfig provider) {
        return audioText.speech(provider);
    }

    /** The adapter that transcribes and translates audio at this provider. */
    public TranscriptionAdapter transcriptionAdapter(ProviderConfig provider) {
        return audioText.transcription(provider);
    }

    /** The adapter that classifies content at this provider. */
    public ModerationAdapter moderationAdapter(ProviderConfig provider) {
        return audioText.moderation(provider);
    }

    /** The adapter that completes legacy prompts at this provider. */
    public CompletionAdapter completionAdapter(ProviderConfig provider) {
        return audioText.completion(provider);
    }

    /** The adapter that makes images at this provider (one that fails clearly when the provider cannot). */
    public ImageAdapter imageAdapter(ProviderConfig provider) {
        return operations.images(provider);
    }

    /** The adapter that reranks at this provider (one that fails clearly when the provider cannot). */
    public RerankAdapter rerankAdapter(ProviderConfig provider) {
        return operations.rerank(provider);
    }

    /** Seals other providers' reasoning for Responses clients (AES-GCM under the gateway's secret key). */
    public ReasoningSeal reasoningSeal() {
        return seal;
    }

    public Redactor redactor() {
        return redactor;
    }
}
