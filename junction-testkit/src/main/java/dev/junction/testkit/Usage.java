package dev.junction.testkit;

/**
 * Token usage of a response, rendered as OpenAI's {@code CompletionUsage} with zeroed details apart from
 * the reasoning tokens.
 *
 * @param promptTokens input tokens
 * @param completionTokens output tokens of all choices, reasoning included
 * @param reasoningTokens the reasoning share of the output tokens
 */
record Usage(int promptTokens, int completionTokens, int reasoningTokens) {

    /** Usage of a response whose choices each say {@code completion} after {@code reasoningTokens} of thought. */
    static Usage of(ChatRequest request, Completion completion, int reasoningTokens) {
        return new Usage(request.promptTokens(), (completion.completionTokens() + reasoningTokens) * request.choices(),
                reasoningTokens * request.choices());
    }

    StringBuilder appendJson(StringBuilder json) {
        return json.append("{\"prompt_tokens\":").append(promptTokens)
                .append(",\"completion_tokens\":").append(completionTokens)
                .append(",\"total_tokens\":").append(promptTokens + completionTokens)
                .append(",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0}")
                .append(",\"completion_tokens_details\":{\"reasoning_tokens\":").append(reasoningTokens)
                .append(",\"audio_tokens\":0,")
                .append("\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}");
    }
}
