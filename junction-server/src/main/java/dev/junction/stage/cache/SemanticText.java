package dev.junction.stage.cache;

import dev.junction.config.CacheSettings;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Message;
import dev.junction.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of a request that the semantic lookup embeds ({@code cache.semantic.text}): the last user turn (by
 * default), the system and developer instructions with it, or every user turn; only text parts count. Stateless.
 */
final class SemanticText {

    private SemanticText() {}

    /** The text to embed; blank when the request has none (then it is not looked up by meaning). */
    static String of(ChatRequest request, CacheSettings.SemanticText which) {
        List<Message> users = request.messages().stream().filter(m -> m.role() == Role.USER).toList();
        List<String> parts = new ArrayList<>();
        switch (which) {
            case LAST_USER -> {
                if (!users.isEmpty()) {
                    parts.add(text(users.getLast()));
                }
            }
            case LAST_USER_AND_SYSTEM -> {
                request.messages().stream().filter(m -> m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER)
                        .forEach(m -> parts.add(text(m)));
                if (!users.isEmpty()) {
                    parts.add(text(users.getLast()));
                }
            }
            case ALL_USER -> users.forEach(m -> parts.add(text(m)));
        }
        return parts.stream().filter(p -> !p.isBlank()).collect(Collectors.joining("\n")).strip();
    }

    private static String text(Message message) {
        return message.content().stream().filter(ContentPart.Text.class::isInstance)
                .map(p -> ((ContentPart.Text) p).text()).collect(Collectors.joining("\n"));
    }
}
