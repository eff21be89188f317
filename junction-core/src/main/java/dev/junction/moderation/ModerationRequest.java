package dev.junction.moderation;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated moderation request. Immutable.
 *
 * @param model the public model the client asked for
 * @param texts the texts to classify (a string, an array of strings, or the text parts of omni-moderation's array)
 * @param images how many image parts it has (omni-moderation)
 * @param body the client's body as sent, for the OpenAI-compatible upstream (copied, never changed)
 */
public record ModerationRequest(String model, List<String> texts, int images, ObjectNode body) {

    public ModerationRequest {
        texts = List.copyOf(texts);
    }
}
