package dev.junction.dialect.responses;

import dev.junction.model.ChatRequest;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a Responses client can ask for that only a Responses upstream can do, checked by every other dialect's
 * {@code fromCanonical}. Built-in tools ({@code web_search}, {@code file_search}, {@code code_interpreter},
 * {@code mcp}, custom tools, …) run inside OpenAI, and {@code previous_response_id}, {@code conversation} and
 * {@code prompt} point at state held there: dropping any of them would change the answer, so the request is refused
 * with a 400 naming it. (The gateway resolves its own {@code previous_response_id}s before routing and removes the
 * field.) Hints whose loss only changes the style of the answer are named in the dropped list. Pure; thread safe.
 */
public final class ResponsesOnlyFeatures {

    /** Request fields that refer to state only OpenAI holds. */
    private static final List<String> OPENAI_STATE = List.of("previous_response_id", "conversation", "prompt");

    private ResponsesOnlyFeatures() {}

    /**
     * Refuses or names the Responses-only features of a request for an upstream of another dialect.
     *
     * @param upstream the upstream's API as the client should read it ({@code "Anthropic"}, …)
     * @param dropped receives the client-facing names of what is left out
     * @throws GatewayException a 400 naming the first built-in tool or stateful field the upstream cannot honour
     */
    public static void check(ChatRequest request, String upstream, Set<String> dropped) {
        Optional<ObjectNode> found = request.extensions().get(Dialect.OPENAI_RESPONSES);
        if (found.isEmpty()) {
            return;
        }
        ObjectNode ext = found.get();
        JsonNode tools = ext.path("tools");
        if (!tools.isEmpty()) {
            throw refuse("tools", "The built-in tool " + describe(tools.get(0)) + " runs only on OpenAI's "
                    + "Responses API, but this model is served by " + upstream + ". Remove the tool or route the "
                    + "model to a Responses provider.");
        }
        if (ext.has("tool_choice")) {
            throw refuse("tool_choice", "The tool choice " + describe(ext.get("tool_choice")) + " names a built-in "
                    + "tool, which runs only on OpenAI's Responses API, but this model is served by " + upstream + ".");
        }
        for (String field : OPENAI_STATE) {
            JsonNode value = ext.get(field);
            if (value != null && !value.isNull()) {
                throw refuse(field, "'" + field + "' refers to state kept by OpenAI's Responses API, but this model "
                        + "is served by " + upstream + ". Send the conversation as input instead.");
            }
        }
        if (ext.path("text").has("verbosity")) {
            dropped.add("text.verbosity");
        }
        if ("auto".equals(ext.path("truncation").asString(""))) {
            dropped.add("truncation");
        }
        if (ext.path("background").asBoolean(false)) {
            dropped.add("background");
        }
    }

    /** A tool as a reader recognises it: its type, and its name or server label when it has one. */
    private static String describe(JsonNode tool) {
        String type = "'" + tool.path("type").asString("unknown") + "'";
        String name = tool.path("name").asString(tool.path("server_label").asString(""));
        return name.isEmpty() ? type : type + " ('" + name + "')";
    }

    private static GatewayException refuse(String param, String message) {
        return new GatewayException(new GatewayError.InvalidRequest(message, Optional.of(param),
                Optional.of("unsupported_value")));
    }
}
