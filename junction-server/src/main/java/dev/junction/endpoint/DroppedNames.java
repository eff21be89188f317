package dev.junction.endpoint;

import dev.junction.pipeline.ClientDialect;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names what a translation dropped in the client's own vocabulary, for the {@code X-Junction-Dropped} header. The
 * mappers name dropped fields by their Chat Completions names (the canonical vocabulary: {@code top_k},
 * {@code stop}, …); an Anthropic or Gemini client should read {@code stop_sequences} or
 * {@code generationConfig.stopSequences}, the field it actually sent. Names without an entry (other dialects' block
 * types, tool names) are kept as they are.
 */
final class DroppedNames {

    private static final Map<String, String> ANTHROPIC = Map.of(
            "stop", "stop_sequences",
            "user", "metadata.user_id",
            "response_format", "output_config.format",
            "parallel_tool_calls", "tool_choice.disable_parallel_tool_use",
            "tool_calls.arguments", "tool_use.input",
            "max_completion_tokens", "max_tokens");

    private static final Map<String, String> GEMINI = Map.ofEntries(
            Map.entry("top_k", "generationConfig.topK"),
            Map.entry("top_p", "generationConfig.topP"),
            Map.entry("temperature", "generationConfig.temperature"),
            Map.entry("stop", "generationConfig.stopSequences"),
            Map.entry("seed", "generationConfig.seed"),
            Map.entry("n", "generationConfig.candidateCount"),
            Map.entry("presence_penalty", "generationConfig.presencePenalty"),
            Map.entry("frequency_penalty", "generationConfig.frequencyPenalty"),
            Map.entry("logprobs", "generationConfig.responseLogprobs"),
            Map.entry("top_logprobs", "generationConfig.logprobs"),
            Map.entry("response_format", "generationConfig.responseMimeType"),
            Map.entry("thinking", "generationConfig.thinkingConfig"),
            Map.entry("reasoning_effort", "generationConfig.thinkingConfig"),
            Map.entry("max_completion_tokens", "generationConfig.maxOutputTokens"),
            Map.entry("tool_choice", "toolConfig"),
            Map.entry("tool_calls.arguments", "functionCall.args"));

    private static final Map<String, String> OPENAI = Map.of(
            "thinking", "reasoning_effort",
            "top_k", "top_k");

    private static final Map<String, String> RESPONSES = Map.of(
            "thinking", "reasoning.effort",
            "response_format", "text.format",
            "max_completion_tokens", "max_output_tokens",
            "reasoning_effort", "reasoning.effort",
            "stop", "stop",
            "top_k", "top_k");

    private DroppedNames() {}

    /** The dropped names as the client knows them, sorted, without duplicates. */
    static String header(ClientDialect client, Set<String> dropped) {
        Map<String, String> names = switch (client) {
            case OPENAI -> OPENAI;
            case RESPONSES -> RESPONSES;
            case ANTHROPIC -> ANTHROPIC;
            case GEMINI -> GEMINI;
        };
        Set<String> out = new TreeSet<>();
        dropped.forEach(name -> out.add(names.getOrDefault(name, name)));
        return String.join(",", out);
    }
}
