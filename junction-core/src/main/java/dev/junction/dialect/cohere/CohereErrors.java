package dev.junction.dialect.cohere;

import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Classifies Cohere's errors, {@code {"message": "…"}}: a prompt over the model's limit ({@code too many tokens})
 * is {@link GatewayError.ContextWindowExceeded}; everything else by status as every HTTP upstream's (429 throttling,
 * 401/403 refused credentials, 404 an unknown model that lets a route fall back, 5xx failures). Stateless.
 */
public final class CohereErrors {

    private CohereErrors() {}

    /** Classifies an error reply of status ≥ 400. */
    public static GatewayError classify(int status, String body, Optional<Duration> retryAfter, String provider,
                                        Redactor redactor) {
        String message = Json.tryParse(body).map(n -> n.path("message").asString("")).orElse("");
        String lower = message.toLowerCase(Locale.ROOT);
        if (status == 400 && (lower.contains("too many tokens") || lower.contains("context length"))) {
            return new GatewayError.ContextWindowExceeded(redactor.redact(message));
        }
        // Cohere's shape as OpenAI's, whose classification by status is the gateway's common one.
        var wrapped = Json.object();
        wrapped.putObject("error").put("message", message);
        return OpenAiErrors.classify(status, Json.write(wrapped), retryAfter, provider, redactor);
    }

}
