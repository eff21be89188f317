/**
 * Azure OpenAI: the {@code azure} platform ({@link dev.junction.dialect.azure.AzurePlatform}), its URL schemes
 * (deployment-based with an {@code api-version}, and the v1 API), its credentials (the {@code api-key} header, or
 * Microsoft Entra ID tokens by the client-credentials flow, {@link dev.junction.dialect.azure.EntraTokenSource}),
 * and its errors. The bodies are OpenAI's: the OpenAI adapters carry them, given this package's
 * {@link dev.junction.dialect.azure.AzureEndpoint} and {@link dev.junction.dialect.azure.AzureErrors}.
 */
package dev.junction.dialect.azure;
