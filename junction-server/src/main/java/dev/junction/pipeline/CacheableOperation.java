package dev.junction.pipeline;

import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResponse;
import java.time.Duration;

/**
 * An operation whose answer a response cache may keep and replay: a chat turn in any client dialect. Immutable.
 */
public interface CacheableOperation extends Operation {

    /** The canonical request, what the cache key is computed from. */
    ChatRequest canonical();

    /** The answer {@code response} written in the client's dialect, as a stream if the client asked for one. */
    default Reply.Chat answer(ChatResponse response) {
        return answer(response, Duration.ZERO);
    }

    /**
     * The answer {@code response} written in the client's dialect; as a stream if the client asked for one, with
     * {@code pace} before each piece of text (zero: at once).
     */
    Reply.Chat answer(ChatResponse response, Duration pace);
}
