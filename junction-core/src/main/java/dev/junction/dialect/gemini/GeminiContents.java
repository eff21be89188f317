package dev.junction.dialect.gemini;

import static dev.junction.dialect.gemini.GeminiJson.get;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code systemInstruction} and {@code contents} of a request into canonical messages. Roles: {@code user},
 * {@code model} (→ assistant), and the legacy {@code function}/{@code tool} for function results. Function results
 * become one {@link Role#TOOL} message each, exactly as the OpenAI mapper represents {@code role:"tool"} messages,
 * splitting a user turn that mixes them with other parts. Calls without ids get deterministic ones
 * ({@code call_<turn>_<n>}) and results are paired with them by order and name.
 */
final class GeminiContents {

    private GeminiContents() {}

    static List<Message> read(JsonNode body) {
        List<Message> out = new ArrayList<>();
        readSystem(get(body, "systemInstruction")).ifPresent(out::add);
        JsonNode contents = get(body, "contents");
        if (contents == null) {
            throw GatewayException.invalid("contents", "* GenerateContentRequest.contents: contents is not "
                    + "specified");
        }
        if (!contents.isArray()) {
            throw GatewayException.invalid("contents", "Invalid value at 'contents': expected an array of Content.");
        }
        if (contents.isEmpty()) {
            throw GatewayException.invalid("contents", "* GenerateContentRequest.contents: contents is not "
                    + "specified");
        }
        CallPairing pairing = new CallPairing();
        for (int i = 0; i < contents.size(); i++) {
            readContent(contents.get(i), i, pairing, out);
        }
        return out;
    }

    private static Optional<Message> readSystem(JsonNode system) {
        if (system == null) {
            return Optional.empty();
        }
        if (system.isString()) {
            return Optional.of(Message.text(Role.SYSTEM, system.stringValue()));
        }
        JsonNode parts = get(GeminiParts.object(system, "systemInstruction"), "parts");
        if (parts == null || !parts.isArray()) {
            throw GatewayException.invalid("systemInstruction.parts", "Invalid value at 'systemInstruction.parts':"
                    + " expected an array of Part.");
        }
        List<ContentPart> texts = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            String path = "systemInstruction.parts[" + j + "]";
            JsonNode part = parts.get(j);
            GeminiParts.dataKey(part, path, true);
            texts.add(new ContentPart.Text(Json.optString(part, "text", path + ".text").orElseThrow(() ->
                    GatewayException.invalid(path, "Invalid value at '" + path + "': a system instruction may only "
                            + "hold text parts."))));
        }
        return texts.isEmpty() ? Optional.empty() : Optional.of(new Message(Role.SYSTEM, texts, Optional.empty()));
    }

    private static void readContent(JsonNode content, int turn, CallPairing pairing, List<Message> out) {
        String path = "contents[" + turn + "]";
        GeminiParts.object(content, path);
        String role = Json.optString(content, "role", path + ".role").orElse("user");
        JsonNode parts = get(content, "parts");
        if (parts == null || !parts.isArray() || parts.isEmpty()) {
            throw GatewayException.invalid(path + ".parts", "* GenerateContentRequest." + path + ".parts: "
                    + "contents.parts must not be empty.");
        }
        switch (role) {
            case "model" -> out.add(readModel(parts, turn, path, pairing));
            case "user", "function", "tool" -> readUser(parts, turn, path, pairing, out);
            default -> throw GatewayException.invalid(path + ".role", "Invalid value at '" + path + ".role': '"
                    + role + "'. Please use a valid role: user, model.");
        }
    }

    private static Message readModel(JsonNode parts, int turn, String path, CallPairing pairing) {
        pairing.newTurn();
        List<ContentPart> out = new ArrayList<>();
        int[] calls = {0};
        for (int j = 0; j < parts.size(); j++) {
            String partPath = path + ".parts[" + j + "]";
            if (GeminiParts.dataKey(parts.get(j), partPath, true).filter("functionResponse"::equals).isPresent()) {
                throw GatewayException.invalid(partPath, "Invalid value at '" + partPath + "': a functionResponse "
                        + "must be sent in a content with role 'user'.");
            }
            GeminiParts.read(parts.get(j), partPath, true, () -> "call_" + turn + "_" + calls[0], out);
            if (out.getLast() instanceof ContentPart.ToolCall call) {
                calls[0]++;
                pairing.call(call.id(), call.name());
            }
        }
        return new Message(Role.ASSISTANT, out, Optional.empty());
    }

    private static void readUser(JsonNode parts, int turn, String path, CallPairing pairing, List<Message> out) {
        List<ContentPart> run = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            String partPath = path + ".parts[" + j + "]";
            JsonNode part = parts.get(j);
            Optional<String> key = GeminiParts.dataKey(part, partPath, true);
            if (key.filter("functionCall"::equals).isPresent()) {
                throw GatewayException.invalid(partPath, "Invalid value at '" + partPath + "': a functionCall must "
                        + "be sent in a content with role 'model'.");
            }
            if (key.filter("functionResponse"::equals).isEmpty()) {
                GeminiParts.read(part, partPath, true, () -> "call_" + turn + "_" + 0, run);
                continue;
            }
            if (!run.isEmpty()) {
                out.add(new Message(Role.USER, run, Optional.empty()));
                run = new ArrayList<>();
            }
            String orphanId = "call_" + turn + "_" + j;
            out.add(new Message(Role.TOOL, List.of(GeminiToolResults.read(
                    GeminiParts.object(get(part, "functionResponse"), partPath + ".functionResponse"),
                    partPath + ".functionResponse", pairing, orphanId)), Optional.empty()));
        }
        if (!run.isEmpty()) {
            out.add(new Message(Role.USER, run, Optional.empty()));
        }
    }

    /** Pairs function results with the calls of the latest model turn, by id when given, else by order and name. */
    static final class CallPairing {
        private final List<String[]> pending = new ArrayList<>();

        void newTurn() {
            pending.clear();
        }

        void call(String id, String name) {
            pending.add(new String[] {id, name});
        }

        /** The id of the first unanswered call of this name, now answered. */
        Optional<String> answer(String name) {
            for (int i = 0; i < pending.size(); i++) {
                if (pending.get(i)[1].equals(name)) {
                    return Optional.of(pending.remove(i)[0]);
                }
            }
            return Optional.empty();
        }

        /** Marks the call with this id answered. */
        void answered(String id) {
            pending.removeIf(p -> p[0].equals(id));
        }
    }
}
