package dev.junction.testkit;

/**
 * Token usage of a response, rendered as OpenAI's {@code CompletionUsage} with zeroed details.
 *
 * @param promptTokens input tokens
 * @param completionTokens output tokens of all choices
 */
record Usage(int promptTokens, int completionTokens) {

    static Usage of(ChatRequest request, Completion completion) {
        return new Usage(request.promptTokens(), completion.completionTokens() * request.choices());
    }

    StringBuilder appendJson(StringBuilder json) {
        return json.append("{\"prompt_tokens\":").append(promptTokens)
                .append(",\"completion_tokens\":").append(completionTokens)
                .append(",\"total_tokens\":").append(promptTokens + completionTokens)
                .append(",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0}")
                .append(",\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,")
                .append("\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}");
    }
}
