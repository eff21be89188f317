package dev.junction.dialect.elevenlabs;

import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Classifies ElevenLabs' errors, {@code {"detail": {"status": "…", "message": "…"}}} (or {@code {"detail": "…"}}, or
 * FastAPI's list of validation problems), by status as every HTTP upstream's: 429 throttling, 401/403 refused
 * credentials, 404 an unknown voice or model, 5xx failures. Stateless.
 */
public final class ElevenLabsErrors {

    private ElevenLabsErrors() {}

    /** Classifies an error reply of status ≥ 400. */
    public static GatewayError classify(int status, String body, Optional<Duration> retryAfter, String provider,
                                        Redactor redactor) {
        String message = Json.tryParse(body).map(ElevenLabsErrors::message).orElse("");
        var wrapped = Json.object();
        wrapped.putObject("error").put("message", message);
        return OpenAiErrors.classify(status, Json.write(wrapped), retryAfter, provider, redactor);
    }

    private static String message(JsonNode body) {
        JsonNode detail = body.path("detail");
        if (detail.isString()) {
            return detail.stringValue();
        }
        if (detail.isArray() && !detail.isEmpty()) {
            return detail.get(0).path("msg").asString("");
        }
        return detail.path("message").asString("");
    }
}
