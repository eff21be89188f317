package dev.junction.completion;

import java.util.List;
import java.util.OptionalInt;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated legacy completion request. Immutable.
 *
 * @param model the public model the client asked for
 * @param prompts the prompt texts (a string or an array of strings; token arrays count by their length)
 * @param maxTokens {@code max_tokens}, when given (OpenAI's default is 16)
 * @param choices {@code n} × {@code best_of}'s larger, the completions generated per prompt
 * @param stream whether the client asked for events
 * @param body the client's body as sent, for the same-dialect upstream (copied, never changed)
 */
public record CompletionRequest(String model, List<String> prompts, OptionalInt maxTokens, int choices,
                                boolean stream, ObjectNode body) {

    public CompletionRequest {
        prompts = List.copyOf(prompts);
    }
}
