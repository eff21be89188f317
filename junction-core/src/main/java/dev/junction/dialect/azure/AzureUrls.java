package dev.junction.dialect.azure;

import dev.junction.upstream.UpstreamResource.OpenAi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Azure OpenAI's URLs. Deployment-based: {@code {base}/openai/deployments/{deployment}/chat/completions
 * ?api-version=…} (and {@code /embeddings}, {@code /images/generations}, …); the v1 API:
 * {@code {base}/openai/v1/chat/completions} with the deployment as the body's {@code model}. The Responses API is served on the v1 API only
 * ({@code {base}/openai/v1/responses}), whichever scheme the provider uses for the rest. Stateless.
 */
public final class AzureUrls {

    private AzureUrls() {}

    /**
     * The URL of {@code operation} at the resource {@code baseUrl} ({@code https://{resource}.openai.azure.com}; a
     * base that already ends in {@code /openai} or {@code /openai/v1} is accepted too).
     *
     * @param deployment the deployment's name (the route's upstream model)
     */
    public static String of(String baseUrl, AzurePlatform platform, OpenAi operation, String deployment) {
        String resource = resourceRoot(baseUrl);
        if (operation == OpenAi.RESPONSES || platform.api() == AzurePlatform.Api.V1) {
            return resource + "/openai/v1" + operation.path();
        }
        return resource + "/openai/deployments/" + encode(deployment) + operation.path() + "?api-version="
                + encode(platform.apiVersion());
    }

    private static String resourceRoot(String baseUrl) {
        String root = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        for (String suffix : new String[] {"/openai/v1", "/openai"}) {
            if (root.endsWith(suffix)) {
                return root.substring(0, root.length() - suffix.length());
            }
        }
        return root;
    }

    /** A path segment or query value, percent-encoded ({@code %20} for a space, not {@code +}). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
