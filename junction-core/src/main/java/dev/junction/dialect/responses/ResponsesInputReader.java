package dev.junction.dialect.responses;

import static dev.junction.json.Json.optString;
import static dev.junction.json.Json.requireString;

import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code instructions} and {@code input} into canonical messages. The instructions become a
 * {@link Role#SYSTEM} message first. Items the model produced ({@code reasoning}, assistant messages,
 * {@code function_call}s and built-in tool calls) that follow each other become one assistant message, as one turn
 * of the other dialects; each {@code function_call_output} becomes a {@link Role#TOOL} message. Items the canonical
 * model has no part for (built-in tool calls and their outputs, {@code item_reference}) are kept as
 * {@link ContentPart.Opaque} of {@link Dialect#OPENAI_RESPONSES}. One instance per request; not thread safe.
 */
final class ResponsesInputReader {

    private final ReasoningSeal seal;
    private final List<Message> out = new ArrayList<>();
    private final List<ContentPart> assistant = new ArrayList<>();

    private ResponsesInputReader(ReasoningSeal seal) {
        this.seal = seal;
    }

    /** The conversation of a request body. */
    static List<Message> read(ObjectNode body, ReasoningSeal seal) {
        ResponsesInputReader reader = new ResponsesInputReader(seal);
        optString(body, "instructions", "instructions")
                .ifPresent(text -> reader.out.add(Message.text(Role.SYSTEM, text)));
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            return reader.out;
        }
        if (input.isString()) {
            reader.out.add(Message.text(Role.USER, input.stringValue()));
            return reader.out;
        }
        if (!input.isArray()) {
            throw GatewayException.invalid("input", "Invalid type for 'input': expected a string or an array of "
                    + "input items.");
        }
        for (int i = 0; i < input.size(); i++) {
            reader.item(input.get(i), "input[" + i + "]");
        }
        reader.flushAssistant();
        return reader.out;
    }

    private void item(JsonNode item, String path) {
        if (!item.isObject()) {
            throw GatewayException.invalid(path, "Invalid type for '" + path + "': expected an object.");
        }
        Optional<String> type = optString(item, "type", path + ".type");
        if (type.isEmpty() && !item.has("role")) {
            throw GatewayException.invalid(path + ".type", "Missing required parameter: '" + path + ".type'.");
        }
        switch (type.orElse("message")) {
            case "message" -> message(item, path);
            case "function_call" -> assistant.add(new ContentPart.ToolCall(
                    requireString(item, "call_id", path + ".call_id"),
                    ResponsesNamespaces.callName(item, requireString(item, "name", path + ".name")),
                    requireString(item, "arguments", path + ".arguments")));
            case "function_call_output" -> {
                String callId = requireString(item, "call_id", path + ".call_id");
                List<ContentPart> output = ResponsesContent.read(item.get("output"), path + ".output");
                add(new Message(Role.TOOL, List.of(new ContentPart.ToolResult(callId, output, false)),
                        Optional.empty()));
            }
            case "reasoning" -> assistant.add(ResponsesReasoning.fromClient(item, path, seal));
            default -> opaque(item);
        }
    }

    private void message(JsonNode item, String path) {
        String role = requireString(item, "role", path + ".role");
        String contentPath = path + ".content";
        switch (role) {
            case "user" -> add(new Message(Role.USER, ResponsesContent.read(item.get("content"), contentPath),
                    Optional.empty()));
            case "system" -> add(new Message(Role.SYSTEM, ResponsesContent.read(item.get("content"), contentPath),
                    Optional.empty()));
            case "developer" -> add(new Message(Role.DEVELOPER, ResponsesContent.read(item.get("content"),
                    contentPath), Optional.empty()));
            case "assistant" -> assistant.addAll(ResponsesContent.read(item.get("content"), contentPath));
            default -> throw GatewayException.invalid(path + ".role", "Invalid value: '" + role + "'. Supported "
                    + "values are: 'assistant', 'system', 'developer', and 'user'.");
        }
    }

    /**
     * A built-in tool item: the outputs the client returns ({@code *_output}, approval responses) and item
     * references are the client's turn; the calls the model made are the assistant's.
     */
    private void opaque(JsonNode item) {
        ContentPart part = new ContentPart.Opaque(Dialect.OPENAI_RESPONSES, item);
        if (ResponsesItems.isClientItem(item)) {
            add(new Message(Role.USER, List.of(part), Optional.empty()));
        } else {
            assistant.add(part);
        }
    }

    private void add(Message message) {
        flushAssistant();
        out.add(message);
    }

    private void flushAssistant() {
        if (!assistant.isEmpty()) {
            out.add(new Message(Role.ASSISTANT, assistant, Optional.empty()));
            assistant.clear();
        }
    }
}
