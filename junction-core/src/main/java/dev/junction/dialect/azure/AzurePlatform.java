package dev.junction.dialect.azure;

import dev.junction.provider.Platform;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider hosted on Azure OpenAI. Immutable; its {@code toString} never reveals the Entra client secret.
 *
 * @param api which of Azure's URL schemes the provider is called by
 * @param apiVersion the {@code api-version} of deployment-based URLs ({@link Api#DEPLOYMENTS})
 * @param entra the Microsoft Entra ID application whose tokens authenticate the calls; empty: the provider's
 *     {@code api_key} goes in the {@code api-key} header
 */
public record AzurePlatform(Api api, String apiVersion, Optional<EntraCredentials> entra) implements Platform {

    /** The {@code api-version} used when the configuration names none: the current GA version. */
    public static final String DEFAULT_API_VERSION = "2024-10-21";

    /** Azure's URL schemes. */
    public enum Api {
        /** {@code /openai/deployments/{deployment}/…?api-version=…}: the deployment picks the model. */
        DEPLOYMENTS,
        /** {@code /openai/v1/…}: OpenAI's paths, the deployment named as the body's {@code model}. */
        V1
    }

    public AzurePlatform {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(entra, "entra");
    }

    /** {@inheritDoc} */
    @Override
    public boolean renewsCredentials() {
        return entra.isPresent();
    }

    @Override
    public String type() {
        return "azure";
    }
}
