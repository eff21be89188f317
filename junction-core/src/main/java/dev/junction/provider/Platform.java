package dev.junction.provider;

/**
 * Where a provider's API is hosted, beyond its wire format: directly at its base URL (OpenAI, Anthropic, Gemini and
 * the compatible servers), or on a cloud platform whose URLs, credentials and signing differ while the body keeps a
 * dialect's shape (Azure OpenAI, AWS Bedrock, Google Vertex AI). The runtime picks a provider's adapter by its
 * dialect and its platform; each platform's settings are a record implementing this interface, read from the
 * provider's {@code platform:} block by {@code config.PlatformReader}.
 */
public interface Platform {

    /** Served directly at the provider's base URL with its own credential style ({@link AuthStyle}). */
    Platform DIRECT = new Direct();

    /** The platform's name as the configuration spells it ({@code direct}, {@code azure}, …). */
    String type();

    /**
     * Whether the credential is a token the platform fetches and caches (Entra ID, Google OAuth2), which it drops
     * when the upstream refuses it: the route executor then tries the same deployment once more, with a fresh one.
     */
    default boolean renewsCredentials() {
        return false;
    }

    /**
     * The direct platform. Platforms whose settings hold credentials keep them in {@code Secret}s, so that their
     * {@code toString} never reveals them.
     */
    record Direct() implements Platform {
        @Override
        public String type() {
            return "direct";
        }
    }
}
