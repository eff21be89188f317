package dev.junction.dialect.azure;

import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Azure OpenAI's error replies: OpenAI's envelope with {@code status} and {@code innererror}. Classified as OpenAI's
 * ({@link OpenAiErrors#classify}), so that {@code code: content_filter} is the content-policy error a route may fall
 * back on, and then made more precise: a content-filter message names the categories that were filtered
 * ({@code innererror.content_filter_result}), and a 429 without {@code retry-after}/{@code retry-after-ms} headers
 * takes the wait its message suggests ("Please retry after 6 seconds"). Stateless.
 */
public final class AzureErrors {

    private static final Pattern RETRY_AFTER = Pattern.compile("retry after (\\d{1,5}) seconds?",
            Pattern.CASE_INSENSITIVE);

    private AzureErrors() {}

    /** As {@link OpenAiErrors#classify}, with Azure's extras read. */
    public static GatewayError classify(int status, String body, Optional<Duration> retryAfter, String provider,
                                        Redactor redactor) {
        GatewayError error = OpenAiErrors.classify(status, body, retryAfter, provider, redactor);
        return switch (error) {
            case GatewayError.ContentFiltered filtered -> {
                List<String> categories = filteredCategories(body);
                yield categories.isEmpty() ? filtered : new GatewayError.ContentFiltered(filtered.message()
                        + " (filtered: " + String.join(", ", categories) + ")");
            }
            case GatewayError.RateLimited limited when limited.retryAfter().isEmpty() -> {
                Matcher wait = RETRY_AFTER.matcher(limited.message());
                yield wait.find() ? new GatewayError.RateLimited(limited.message(),
                        Optional.of(Duration.ofSeconds(Long.parseLong(wait.group(1))))) : limited;
            }
            default -> error;
        };
    }

    /** The categories Azure's filter blocked, with their severity when it gives one: {@code violence (medium)}. */
    static List<String> filteredCategories(String body) {
        JsonNode result = Json.tryParse(body).map(n -> n.path("error").path("innererror")
                .path("content_filter_result")).orElse(Json.object());
        List<String> filtered = new ArrayList<>();
        for (Map.Entry<String, JsonNode> category : result.properties()) {
            JsonNode verdict = category.getValue();
            if (verdict.path("filtered").asBoolean(false)) {
                String severity = verdict.path("severity").asString("");
                filtered.add(category.getKey() + (severity.isEmpty() ? "" : " (" + severity + ")"));
            }
        }
        return filtered;
    }
}
