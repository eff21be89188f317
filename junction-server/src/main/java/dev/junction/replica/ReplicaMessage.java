package dev.junction.replica;

import dev.junction.json.Json;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What replicas tell each other, as one small JSON object each ({@code {"type":"state","origin":"…","revision":12}}).
 * Every message names the replica it comes from; a replica ignores its own. Immutable.
 */
public sealed interface ReplicaMessage {

    /** The replica that sent it. */
    String origin();

    /** A replica has started at this revision: every other one answers with its {@link State}. */
    record Hello(String origin, long revision) implements ReplicaMessage {
    }

    /** The revision this replica's data plane serves now: its heartbeat, and its confirmation of a change. */
    record State(String origin, long revision) implements ReplicaMessage {
    }

    /** The store has reached this revision: catch up, then confirm with a {@link State}. */
    record Changed(String origin, long revision) implements ReplicaMessage {
    }

    /** The replica is stopping: wait for it no more. */
    record Bye(String origin) implements ReplicaMessage {
    }

    /** The message as sent. */
    default String encode() {
        var node = Json.object();
        switch (this) {
            case Hello h -> node.put("type", "hello").put("revision", h.revision());
            case State s -> node.put("type", "state").put("revision", s.revision());
            case Changed c -> node.put("type", "changed").put("revision", c.revision());
            case Bye b -> node.put("type", "bye");
        }
        return Json.write(node.put("origin", origin()));
    }

    /** A message as received; empty for anything else (another version's, a stray publisher's). */
    static Optional<ReplicaMessage> decode(String text) {
        Optional<JsonNode> parsed = Json.tryParse(text);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        JsonNode m = parsed.get();
        String origin = m.path("origin").asString("");
        JsonNode revision = m.path("revision");
        if (origin.isEmpty()) {
            return Optional.empty();
        }
        if (m.path("type").asString("").equals("bye")) {
            return Optional.of(new Bye(origin));
        }
        if (!revision.isIntegralNumber()) {
            return Optional.empty();
        }
        long r = revision.asLong();
        return switch (m.path("type").asString("")) {
            case "hello" -> Optional.of(new Hello(origin, r));
            case "state" -> Optional.of(new State(origin, r));
            case "changed" -> Optional.of(new Changed(origin, r));
            default -> Optional.empty();
        };
    }
}
