package dev.junction.dialect.azure;

import dev.junction.secret.Secret;
import java.util.Objects;

/**
 * A Microsoft Entra ID application that gets tokens for Azure OpenAI by the OAuth2 client-credentials flow.
 *
 * @param tenantId the directory (tenant) id or domain
 * @param clientId the application (client) id
 * @param clientSecret the application's client secret
 * @param authorityUrl the identity platform's root, {@link #DEFAULT_AUTHORITY} unless a sovereign cloud or a test
 *     names another; without a trailing slash
 */
public record EntraCredentials(String tenantId, String clientId, Secret clientSecret, String authorityUrl) {

    /** The public cloud's identity platform. */
    public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com";

    /** The scope whose tokens Azure OpenAI (Cognitive Services) accepts. */
    public static final String SCOPE = "https://cognitiveservices.azure.com/.default";

    public EntraCredentials {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        authorityUrl = authorityUrl.endsWith("/") ? authorityUrl.substring(0, authorityUrl.length() - 1)
                : authorityUrl;
    }

    /** The token endpoint of the tenant: {@code {authority}/{tenant}/oauth2/v2.0/token}. */
    public String tokenUrl() {
        return authorityUrl + "/" + AzureUrls.encode(tenantId) + "/oauth2/v2.0/token";
    }
}
