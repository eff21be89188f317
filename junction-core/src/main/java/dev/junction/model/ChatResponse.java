package dev.junction.model;

import java.util.List;

/** A complete (non-streaming) chat response in canonical form. */
public record ChatResponse(String id, String model, long created, List<Choice> choices, Usage usage,
                           Extensions extensions) {

    public ChatResponse {
        choices = List.copyOf(choices);
    }
}
