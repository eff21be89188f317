package dev.junction.it;

import dev.junction.testkit.Behavior;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Upstream answers with exact usage, and the {@code metered} route that prices them simply, for the governance
 * suites: $1 per output token and nothing for input, so a request's worst case is exactly its {@code max_tokens} in
 * dollars. Test helper.
 */
final class MeteredAnswers {

    /** A route {@code metered} on the OpenAI preset at $1 per output token. */
    static final String ROUTE = """
            routes:
              metered:
                groups:
                  - deployments:
                      - {provider: openai, model: gpt-4o-mini, price: {input: 0, output: 1000000}}
            """;

    private MeteredAnswers() {}

    /** Exactly 100 output tokens: a request on {@code metered} with max_tokens 100 spends its whole reservation. */
    static Behavior hundredOutputTokens() {
        return answer("""
                {"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"full"},"finish_reason":"length"}],
                 "usage":{"prompt_tokens":7,"completion_tokens":100,"total_tokens":107}}""");
    }

    /** An upstream answer with exactly this body (and so this usage). */
    static Behavior answer(String body) {
        try {
            Path file = Files.createTempFile("junction-answer-", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, body);
            return Behavior.fixture(file.toString(), 200, "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
