package dev.junction.dialect.ollama;

import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.time.Duration;
import java.util.Optional;

/**
 * Classifies Ollama's errors, {@code {"error": "…"}}: a 404 (the model is not pulled) is the upstream's refusal that
 * lets a route fall back to its next step; a context-window complaint is {@link GatewayError.ContextWindowExceeded};
 * everything else as every HTTP upstream's (OpenAI's classification, whose body shape Ollama's string error matches).
 * Stateless.
 */
public final class OllamaErrors {

    private OllamaErrors() {}

    /** Classifies an error reply of status ≥ 400. */
    public static GatewayError classify(int status, String body, Optional<Duration> retryAfter, String provider,
                                        Redactor redactor) {
        String message = Json.tryParse(body).map(n -> n.path("error").asString("")).orElse("");
        if (status == 400 && mentionsContext(message)) {
            return new GatewayError.ContextWindowExceeded(redactor.redact(message));
        }
        return OpenAiErrors.classify(status, body, retryAfter, provider, redactor);
    }

    /** An error line in the middle of a stream: the model failed after it began. */
    static GatewayError inStream(String message, Redactor redactor) {
        return new GatewayError.BadGateway("The upstream failed mid-stream: " + redactor.redact(message), false);
    }

    private static boolean mentionsContext(String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("context length") || lower.contains("context window");
    }
}
