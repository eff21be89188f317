package dev.junction.dialect.responses;

import dev.junction.json.Json;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request parameters a response object repeats ({@code instructions}, {@code tools}, {@code temperature},
 * {@code store}, …), with OpenAI's defaults for those the client left out. The official SDKs require several of
 * them (the Java SDK's {@code Response} has {@code tools}, {@code tool_choice}, {@code parallel_tool_calls} …), so
 * every response and stream the gateway writes for a Responses client carries them all. Immutable and thread safe:
 * the fields are copied in and out, and {@link #of} never retains the request body.
 *
 * @param fields the echo fields in OpenAI's order
 */
public record ResponsesEcho(ObjectNode fields) {

    /** The echoed fields, in the order OpenAI writes them between {@code error} and {@code completed_at}. */
    private static final List<String> ORDER = List.of("background", "instructions", "max_output_tokens",
            "max_tool_calls", "parallel_tool_calls", "previous_response_id", "prompt_cache_key", "reasoning",
            "safety_identifier", "service_tier", "store", "temperature", "text", "tool_choice", "tools",
            "top_logprobs", "top_p", "truncation", "user", "metadata");

    /** Copies {@code fields}, so the echo never changes with the node it was made from. */
    public ResponsesEcho {
        fields = fields.deepCopy();
    }

    /** A copy of the echo fields. */
    @Override
    public ObjectNode fields() {
        return fields.deepCopy();
    }

    /** The echo of a request that set nothing. */
    public static ResponsesEcho defaults() {
        return of(Json.object());
    }

    /** The echo of a client's request body, defaults filled in as OpenAI fills them. */
    public static ResponsesEcho of(ObjectNode request) {
        ObjectNode out = Json.object().put("background", false);
        out.putNull("instructions").putNull("max_output_tokens").putNull("max_tool_calls");
        out.put("parallel_tool_calls", true);
        out.putNull("previous_response_id").putNull("prompt_cache_key");
        out.putObject("reasoning").putNull("effort").putNull("summary");
        out.putNull("safety_identifier").put("service_tier", "default").put("store", true).put("temperature", 1.0);
        ObjectNode text = out.putObject("text");
        text.putObject("format").put("type", "text");
        text.put("verbosity", "medium");
        out.put("tool_choice", "auto");
        out.putArray("tools");
        out.put("top_logprobs", 0).put("top_p", 1.0).put("truncation", "disabled").putNull("user");
        out.putObject("metadata");
        for (String name : ORDER) {
            JsonNode sent = request.get(name);
            if (sent == null || sent.isNull()) {
                continue;
            }
            switch (name) {
                case "reasoning", "text" -> overlay((ObjectNode) out.get(name), sent);
                case "tools" -> out.set(name, tools(sent));
                // The tier that served the request, not the one asked for: "auto" is not an answer.
                case "service_tier" -> out.put(name, sent.asString("default").equals("auto") ? "default"
                        : sent.asString("default"));
                default -> out.set(name, sent);
            }
        }
        return new ResponsesEcho(out);
    }

    /** How the client names the tools it declared, for its {@code function_call} items. */
    ResponsesNamespaces.ClientNames toolNames() {
        return ResponsesNamespaces.ClientNames.of(fields.get("tools"));
    }

    /** Writes the echo fields into a response object. */
    public void writeTo(ObjectNode response) {
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            response.set(field.getKey(), field.getValue().deepCopy());
        }
    }

    private static void overlay(ObjectNode target, JsonNode sent) {
        if (sent.isObject()) {
            sent.properties().forEach(e -> target.set(e.getKey(), e.getValue()));
        }
    }

    /** The tools as sent, with the {@code strict: true} OpenAI assumes for function tools that omit it. */
    private static JsonNode tools(JsonNode sent) {
        var out = Json.MAPPER.createArrayNode();
        for (JsonNode tool : sent) {
            if (tool instanceof ObjectNode t && "function".equals(t.path("type").asString("")) && !t.has("strict")) {
                out.add(t.deepCopy().put("strict", true));
            } else {
                out.add(tool);
            }
        }
        return out;
    }
}
