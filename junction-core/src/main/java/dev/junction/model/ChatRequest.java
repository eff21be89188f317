package dev.junction.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chat request in canonical form.
 *
 * @param model the model name as the client sent it
 * @param messages the conversation, system and developer instructions included, in order
 * @param reasoning how much the model should think, when the client said
 * @param includeUsage whether a streaming client asked for token usage at the end of the stream
 * @param metadata free-form string pairs the client attached
 * @param user an end-user identifier for abuse tracking
 */
public record ChatRequest(
        String model,
        List<Message> messages,
        List<ToolDefinition> tools,
        Optional<ToolChoice> toolChoice,
        Optional<Boolean> parallelToolCalls,
        Sampling sampling,
        Optional<ResponseFormat> responseFormat,
        Optional<Reasoning> reasoning,
        boolean stream,
        boolean includeUsage,
        Map<String, String> metadata,
        Optional<String> user,
        Extensions extensions) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        metadata = Map.copyOf(metadata);
    }

    /** The same request with other messages (an extension's rewrite). */
    public ChatRequest withMessages(List<Message> rewritten) {
        return new ChatRequest(model, rewritten, tools, toolChoice, parallelToolCalls, sampling, responseFormat,
                reasoning, stream, includeUsage, metadata, user, extensions);
    }

    /** The text of the last user message, or an empty string when there is none. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER) {
                return messages.get(i).joinedText();
            }
        }
        return "";
    }
}
