package dev.junction.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.azure.AzureEndpoint;
import dev.junction.dialect.azure.AzurePlatform;
import dev.junction.dialect.bedrock.BedrockAuth;
import dev.junction.dialect.bedrock.BedrockCredentials;
import dev.junction.dialect.bedrock.BedrockEndpoint;
import dev.junction.dialect.bedrock.BedrockPlatform;
import dev.junction.dialect.vertex.VertexCredentials;
import dev.junction.dialect.vertex.VertexEndpoint;
import dev.junction.dialect.vertex.VertexPlatform;
import dev.junction.dialect.vertex.VertexTokenSources;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.provider.AuthStyle;
import dev.junction.provider.ParamRules;
import dev.junction.provider.Platform;
import dev.junction.provider.ProviderConfig;
import dev.junction.provider.Timeouts;
import dev.junction.secret.Redactor;
import dev.junction.secret.Secret;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Each host places the resources it serves, with its credential, and refuses the others as a gateway fault. */
class UpstreamEndpointTest {

    private static final Vertx VERTX = Vertx.vertx();
    private static final HttpUpstreamClient HTTP = new HttpUpstreamClient(VERTX, 1);

    @AfterAll
    static void close() {
        VERTX.close();
    }

    private static ProviderConfig provider(String baseUrl, Optional<Secret> key, Platform platform) {
        return new ProviderConfig("p", Dialect.OPENAI_CHAT, baseUrl, key, new AuthStyle.Bearer(), Map.of(),
                ParamRules.NONE, Timeouts.DEFAULTS, List.of(), List.of(), Optional.empty(), platform);
    }

    private static UpstreamRequest request(UpstreamResource resource, String model) {
        return UpstreamRequest.of(resource, model, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer("{}"), false);
    }

    private static HttpUpstreamClient.Exchange opened(Future<HttpUpstreamClient.Exchange> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }

    private static GatewayError refusal(Future<?> future) {
        assertThat(future.failed()).isTrue();
        return ((UpstreamFailure) future.cause()).error();
    }

    @Test
    void aDirectProviderTakesEveryResourceUnderItsBaseUrl() {
        ProviderConfig direct = provider("https://api.example/v1", Optional.empty(), Platform.DIRECT);

        assertThat(opened(UpstreamEndpoint.DIRECT.open(direct, request(UpstreamResource.OpenAi.IMAGE_GENERATIONS,
                "gpt-image-1"))).url()).isEqualTo("https://api.example/v1/images/generations");
        assertThat(opened(UpstreamEndpoint.DIRECT.open(direct, request(UpstreamResource.ModelMethod
                .generateContent(true), "models/gemini-2.5-flash"))).url())
                .isEqualTo("https://api.example/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(opened(UpstreamEndpoint.DIRECT.open(direct, request(new UpstreamResource.AnthropicMessages(false),
                "claude"))).url()).isEqualTo("https://api.example/v1/messages");
    }

    @Test
    void azureServesOpenAisOperationsWithItsApiKeyHeader() {
        ProviderConfig azure = provider("https://r.openai.azure.com", Optional.of(Secret.of("azure-key-0123")),
                new AzurePlatform(AzurePlatform.Api.DEPLOYMENTS, "2025-04-01-preview", Optional.empty()));
        UpstreamRequest request = request(UpstreamResource.OpenAi.IMAGE_GENERATIONS, "image-prod");
        request.headers().set("authorization", "Bearer azure-key-0123");

        HttpUpstreamClient.Exchange exchange = opened(new AzureEndpoint(HTTP, new BearerTokens(), Clock.systemUTC())
                .open(azure, request));

        assertThat(exchange.url()).isEqualTo("https://r.openai.azure.com/openai/deployments/image-prod/images/"
                + "generations?api-version=2025-04-01-preview");
        assertThat(exchange.headers().get("api-key")).isEqualTo("azure-key-0123");
        assertThat(exchange.headers().contains("authorization")).isFalse();
    }

    @Test
    void azureRefusesAResourceOfAnotherApi() {
        ProviderConfig azure = provider("https://r.openai.azure.com", Optional.of(Secret.of("azure-key-0123")),
                new AzurePlatform(AzurePlatform.Api.V1, "2025-04-01-preview", Optional.empty()));

        assertThat(refusal(new AzureEndpoint(HTTP, new BearerTokens(), Clock.systemUTC()).open(azure,
                request(UpstreamResource.ModelMethod.google("predict"), "imagen")))).isInstanceOf(
                GatewayError.Internal.class);
    }

    @Test
    void vertexRefusesOpenAisOperationsBeforeFetchingAToken() {
        ProviderConfig vertex = provider("", Optional.empty(), new VertexPlatform("my-project", "global",
                new VertexCredentials.ApplicationDefault(), Optional.empty()));
        BearerTokens tokens = new BearerTokens();

        assertThat(refusal(new VertexEndpoint(new VertexTokenSources(VERTX, tokens, Clock.systemUTC()))
                .open(vertex, request(UpstreamResource.OpenAi.CHAT, "gemini-2.5-flash"))))
                .isInstanceOf(GatewayError.Internal.class);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void bedrockPlacesAModelsOperationAndSendsItsApiKeyAsBearer() {
        ProviderConfig bedrock = provider("https://bedrock-runtime.us-east-1.amazonaws.com", Optional.empty(),
                new BedrockPlatform("us-east-1", Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of(Secret.of("ABSK-bedrock-key"))));
        BedrockEndpoint endpoint = new BedrockEndpoint(new BedrockAuth(new BedrockCredentials(VERTX,
                Clock.systemUTC()), Clock.systemUTC()), Redactor.patternsOnly());

        HttpUpstreamClient.Exchange exchange = opened(endpoint.open(bedrock,
                request(new UpstreamResource.ModelOperation("converse"), "us.anthropic.claude-sonnet-4-5:0")));

        assertThat(exchange.url()).isEqualTo("https://bedrock-runtime.us-east-1.amazonaws.com/model/"
                + "us.anthropic.claude-sonnet-4-5%3A0/converse");
        assertThat(exchange.headers().get("authorization")).isEqualTo("Bearer ABSK-bedrock-key");
        assertThat(refusal(endpoint.open(bedrock, request(UpstreamResource.OpenAi.CHAT, "m"))))
                .isInstanceOf(GatewayError.Internal.class);
    }
}
