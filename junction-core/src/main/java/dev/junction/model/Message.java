package dev.junction.model;

import java.util.List;
import java.util.Optional;

/** One turn of a conversation. */
public record Message(Role role, List<ContentPart> content, Optional<String> name) {

    public Message {
        content = List.copyOf(content);
    }

    /** A message with a single text part and no name. */
    public static Message text(Role role, String text) {
        return new Message(role, List.of(new ContentPart.Text(text)), Optional.empty());
    }

    /** The concatenation of this message's text parts, in order. */
    public String joinedText() {
        var sb = new StringBuilder();
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    /** The tool calls in this message, in order. */
    public List<ContentPart.ToolCall> toolCalls() {
        return content.stream()
                .filter(ContentPart.ToolCall.class::isInstance)
                .map(ContentPart.ToolCall.class::cast)
                .toList();
    }
}
