package dev.junction.dialect.anthropic;

import static dev.junction.json.Json.requireString;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code system} prompt and the {@code messages} array, in both directions.
 *
 * <p>Canonically, system instructions are {@link Role#SYSTEM} messages at their positions and each tool result is
 * a {@link Role#TOOL} message holding one {@link ContentPart.ToolResult}, as OpenAI's mapper represents
 * {@code role:"tool"} messages. Anthropic puts tool results into user messages; reading splits them out, writing
 * groups them back into one user message, ahead of the user's other content as the API requires.
 */
final class AnthropicMessages {

    private AnthropicMessages() {}

    /** The conversation of a request body: the top-level {@code system} first, then the messages in order. */
    static List<Message> read(ObjectNode body) {
        List<Message> out = new ArrayList<>();
        JsonNode system = body.get("system");
        if (system != null && !system.isNull()) {
            out.add(new Message(Role.SYSTEM, readSystem(system, "system"), Optional.empty()));
        }
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw GatewayException.invalid("messages", "messages: Field required");
        }
        if (!messages.isArray()) {
            throw GatewayException.invalid("messages", "messages: Input should be a valid list");
        }
        if (messages.isEmpty()) {
            throw GatewayException.invalid("messages", "messages: at least one message is required");
        }
        for (int i = 0; i < messages.size(); i++) {
            readMessage(messages.get(i), "messages." + i, out);
        }
        return out;
    }

    private static List<ContentPart> readSystem(JsonNode system, String path) {
        List<ContentPart> parts = AnthropicContent.read(system, path);
        for (int i = 0; i < parts.size(); i++) {
            if (!(parts.get(i) instanceof ContentPart.Text)) {
                throw GatewayException.invalid(path + "." + i + ".type", path + "." + i
                        + ".type: system content must be text blocks");
            }
        }
        return parts;
    }

    private static void readMessage(JsonNode m, String path, List<Message> out) {
        if (!m.isObject()) {
            throw GatewayException.invalid(path, path + ": Input should be an object");
        }
        String role = requireString(m, "role", path + ".role");
        String contentPath = path + ".content";
        switch (role) {
            case "system" -> out.add(new Message(Role.SYSTEM, readSystem(m.get("content"), contentPath),
                    Optional.empty()));
            case "assistant" -> {
                List<ContentPart> parts = AnthropicContent.read(m.get("content"), contentPath);
                rejectPart(parts, ContentPart.ToolResult.class, contentPath, "tool_result", "user");
                out.add(new Message(Role.ASSISTANT, parts, Optional.empty()));
            }
            case "user" -> {
                List<ContentPart> parts = AnthropicContent.read(m.get("content"), contentPath);
                rejectPart(parts, ContentPart.ToolCall.class, contentPath, "tool_use", "assistant");
                splitUser(parts, out);
            }
            default -> throw GatewayException.invalid(path + ".role", path + ".role: Input should be 'user', "
                    + "'assistant' or 'system'");
        }
    }

    private static void rejectPart(List<ContentPart> parts, Class<?> kind, String path, String type, String where) {
        for (int i = 0; i < parts.size(); i++) {
            if (kind.isInstance(parts.get(i))) {
                throw GatewayException.invalid(path + "." + i + ".type", path + "." + i + ".type: `" + type
                        + "` blocks can only be in `" + where + "` messages");
            }
        }
    }

    /** Each tool result becomes a TOOL message; runs of other blocks become USER messages, order kept. */
    private static void splitUser(List<ContentPart> parts, List<Message> out) {
        List<ContentPart> run = new ArrayList<>();
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.ToolResult result) {
                flush(run, out);
                out.add(new Message(Role.TOOL, List.of(result), Optional.empty()));
            } else {
                run.add(part);
            }
        }
        flush(run, out);
    }

    private static void flush(List<ContentPart> run, List<Message> out) {
        if (!run.isEmpty()) {
            out.add(new Message(Role.USER, run, Optional.empty()));
            run.clear();
        }
    }

    /** A written conversation: the hoisted system prompt, if any, and the messages. */
    record Written(Optional<String> system, ArrayNode messages) {}

    /**
     * Writes the conversation for an Anthropic upstream. System and developer messages are hoisted into one
     * {@code system} string (joined with a blank line); adjacent turns of the same side are merged; messages that
     * end up empty (only another provider's reasoning, say) are left out.
     */
    static Written write(List<Message> messages, Set<String> dropped) {
        List<String> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        for (Message m : messages) {
            if (m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) {
                String text = m.joinedText();
                if (!text.isEmpty()) {
                    system.add(text);
                }
                continue;
            }
            String role = m.role() == Role.ASSISTANT ? "assistant" : "user";
            Turn turn = new Turn(role);
            for (ContentPart part : m.content()) {
                AnthropicContent.writeBlock(part, dropped).ifPresent(block -> turn.add(block));
            }
            if (turn.isEmpty()) {
                continue;
            }
            if (!turns.isEmpty() && turns.getLast().role.equals(role)) {
                turns.getLast().absorb(turn);
            } else {
                turns.add(turn);
            }
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        turns.forEach(t -> out.add(t.toJson()));
        return new Written(system.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", system)), out);
    }

    /** One message being assembled; in a user turn, tool results go ahead of everything else. */
    private static final class Turn {
        final String role;
        final List<ObjectNode> results = new ArrayList<>();
        final List<ObjectNode> others = new ArrayList<>();

        Turn(String role) {
            this.role = role;
        }

        void add(ObjectNode block) {
            if (role.equals("user") && "tool_result".equals(block.path("type").asString(""))) {
                results.add(block);
            } else {
                others.add(block);
            }
        }

        void absorb(Turn later) {
            results.addAll(later.results);
            others.addAll(later.others);
        }

        boolean isEmpty() {
            return results.isEmpty() && others.isEmpty();
        }

        ObjectNode toJson() {
            ObjectNode node = Json.object().put("role", role);
            List<ObjectNode> blocks = new ArrayList<>(results);
            blocks.addAll(others);
            if (blocks.size() == 1 && AnthropicContent.isPlainText(blocks.getFirst())) {
                node.put("content", blocks.getFirst().get("text").stringValue());
            } else {
                ArrayNode content = node.putArray("content");
                blocks.forEach(content::add);
            }
            return node;
        }
    }
}
