package dev.junction.dialect.responses;

import dev.junction.json.Json;
import dev.junction.model.TokenLogprob;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The output items and content parts of responses and streams, shaped and ordered as OpenAI sends them. */
final class ResponsesItems {

    private ResponsesItems() {}

    /**
     * Whether an input item of a type the canonical model does not know is the client's side of the conversation:
     * a built-in tool's output ({@code computer_call_output}, …), an approval response or an item reference. Other
     * items (built-in tool calls) are the model's.
     */
    static boolean isClientItem(JsonNode item) {
        String type = item.path("type").asString("");
        return type.endsWith("_output") || type.endsWith("_response") || type.equals("item_reference");
    }

    /** An assistant message item with no content yet. */
    static ObjectNode message(String id, String status) {
        ObjectNode item = Json.object().put("id", id).put("type", "message").put("status", status);
        item.putArray("content");
        return item.put("role", "assistant");
    }

    /** An {@code output_text} part. */
    static ObjectNode outputText(String text, List<TokenLogprob> logprobs) {
        ObjectNode part = Json.object().put("type", "output_text");
        part.putArray("annotations");
        part.set("logprobs", ResponsesLogprobs.write(logprobs));
        return part.put("text", text);
    }

    /** A {@code refusal} part. */
    static ObjectNode refusal(String text) {
        return Json.object().put("type", "refusal").put("refusal", text);
    }

    /**
     * A {@code function_call} item; {@code callId} is the id the client answers with, {@code name} the function's
     * name and namespace as the client declared them.
     */
    static ObjectNode functionCall(String id, String status, String arguments, String callId,
                                   ResponsesNamespaces.FunctionName name) {
        return name.writeTo(Json.object().put("id", id).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", callId));
    }

    /** A {@code summary_text} part. */
    static ObjectNode summaryText(String text) {
        return Json.object().put("type", "summary_text").put("text", text);
    }

    /** An empty array, for the {@code logprobs} of deltas. */
    static ArrayNode noLogprobs() {
        return Json.MAPPER.createArrayNode();
    }
}
