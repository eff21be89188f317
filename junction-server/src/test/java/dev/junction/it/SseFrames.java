package dev.junction.it;

import dev.junction.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A server-sent-event body as the client received it, split into frames. Test helper.
 *
 * @param frames the frames in arrival order
 */
record SseFrames(List<Frame> frames) {

    /**
     * One event.
     *
     * @param event the {@code event:} name, when the frame had one
     * @param data the {@code data:} lines joined by newlines
     */
    record Frame(Optional<String> event, String data) {

        /** The data parsed as JSON. */
        JsonNode json() {
            return Json.MAPPER.readTree(data);
        }

        /** Whether the data is JSON with a top-level {@code error} member (OpenAI's and Google's error frames). */
        boolean isErrorObject() {
            return data.startsWith("{") && json().has("error");
        }
    }

    /** Splits a whole {@code text/event-stream} body; comments and blank frames are skipped. */
    static SseFrames parse(String body) {
        List<Frame> frames = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").split("\n\n")) {
            Optional<String> event = Optional.empty();
            List<String> data = new ArrayList<>();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    event = Optional.of(line.substring(6).strip());
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).strip());
                }
            }
            if (event.isPresent() || !data.isEmpty()) {
                frames.add(new Frame(event, String.join("\n", data)));
            }
        }
        return new SseFrames(List.copyOf(frames));
    }

    /** The event names in order ({@code ""} for frames without one). */
    List<String> events() {
        return frames.stream().map(f -> f.event().orElse("")).toList();
    }

    Frame last() {
        return frames.getLast();
    }
}
