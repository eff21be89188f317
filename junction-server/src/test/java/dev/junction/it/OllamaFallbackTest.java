package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.Behavior;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model that the local Ollama has not pulled answers 404 ({@code error.404.model-not-found.json}, captured), which
 * the gateway treats as "this step does not serve the model": the route falls back to its next step.
 */
class OllamaFallbackTest {

    private static final Path NOT_PULLED = Path.of(
            "../junction-core/src/test/resources/fixtures/ollama/error.404.model-not-found.json");

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix("", """
            local-first: {steps: [{provider: ollama-native, model: llama9}, {provider: openai, model: gpt-4o-mini}]}
            """);

    @Test
    void aModelThatIsNotPulledFallsBackToTheNextStep() {
        ENV.upstream().enqueue(Behavior.fixture(NOT_PULLED.toString(), 404, "application/json; charset=utf-8"));
        ENV.upstream().enqueue(Behavior.reply("From the cloud."));

        ChatCompletion completion = ENV.gateway().sdk().chat().completions().create(ChatCompletionCreateParams
                .builder().model("local-first").addUserMessage("hi").build());

        assertThat(completion.choices().getFirst().message().content()).contains("From the cloud.");
        assertThat(ENV.upstream().requests()).extracting(r -> r.path()).containsExactly("/api/chat",
                "/v1/chat/completions");
    }
}
