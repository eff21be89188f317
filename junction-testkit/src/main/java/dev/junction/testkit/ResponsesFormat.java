package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders answers as OpenAI Responses API objects (see {@code wire/openai-responses.md §5–6}): a
 * {@code response} body, or the named-event stream {@code response.created}, {@code response.in_progress},
 * per output item {@code response.output_item.added}, its parts and deltas and
 * {@code response.output_item.done}, then {@code response.completed} with the whole response; every event
 * carries a {@code sequence_number} from 0, and there is no {@code [DONE]}. Output items in order: a
 * {@code reasoning} item for the thoughts (its {@code encrypted_content} issued here when the request
 * includes {@code reasoning.encrypted_content}), then a {@code message} with the text or one
 * {@code function_call} per call. Text and thoughts stream one word per delta, arguments in fragments.
 *
 * @param request the request being answered
 * @param sequence the request's sequence number, for ids and signatures
 * @param signatures where issued reasoning is remembered
 */
record ResponsesFormat(ResponsesRequest request, long sequence, IssuedSignatures signatures) implements AnswerFormat {

    /** The request parameters a response echoes, with OpenAI's defaults. */
    private static final ObjectNode ECHO_DEFAULTS = (ObjectNode) JsonText.MAPPER.readTree("{\"background\":false,"
            + "\"instructions\":null,\"max_output_tokens\":null,\"max_tool_calls\":null,\"parallel_tool_calls\":true,"
            + "\"previous_response_id\":null,"
            + "\"prompt_cache_key\":null,\"reasoning\":{\"effort\":null,\"summary\":null},\"safety_identifier\":null,"
            + "\"service_tier\":\"default\",\"store\":true,\"temperature\":1.0,\"text\":{\"format\":{\"type\":"
            + "\"text\"},\"verbosity\":\"medium\"},\"tool_choice\":\"auto\",\"tools\":[],\"top_logprobs\":0,"
            + "\"top_p\":1.0,\"truncation\":\"disabled\",\"user\":null,\"metadata\":{}}");

    @Override
    public boolean streams() {
        return request.stream();
    }

    @Override
    public CharSequence jsonContentType() {
        return Exchange.APPLICATION_JSON;
    }

    @Override
    public CharSequence streamContentType() {
        return Exchange.EVENT_STREAM;
    }

    @Override
    public Buffer body(Answer answer) {
        return JsonText.buffer(response("completed", finalItems(answer), answer));
    }

    @Override
    public List<Buffer> events(Answer answer) {
        Events events = new Events();
        ObjectNode started = response("in_progress", List.of(), null);
        events.add(event("response.created").set("response", started));
        events.add(event("response.in_progress").set("response", started));
        List<ObjectNode> items = finalItems(answer);
        for (int index = 0; index < items.size(); index++) {
            ObjectNode item = items.get(index);
            switch (item.path("type").asString("")) {
                case "reasoning" -> reasoningEvents(events, index, item, answer.thoughts().orElseThrow());
                case "message" -> messageEvents(events, index, item, answer.text());
                default -> callEvents(events, index, item);
            }
        }
        events.add(event("response.completed").set("response", response("completed", items, answer)));
        return events.buffers;
    }

    @Override
    public Buffer streamError(int position) {
        ObjectNode error = JsonText.MAPPER.createObjectNode().put("type", "error").put("sequence_number", position)
                .put("code", "server_error").put("message", OpenAiError.MID_STREAM.message());
        error.putNull("param");
        return frame(error);
    }

    @Override
    public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return Buffer.buffer(OpenAiError.forStatus(status, request.model()).toJson());
    }

    @Override
    public Buffer mockFailure(String message) {
        return Buffer.buffer(OpenAiError.mockFailure(message).toJson());
    }

    private List<ObjectNode> finalItems(Answer answer) {
        List<ObjectNode> items = new ArrayList<>();
        answer.thoughts().ifPresent(thoughts -> {
            ObjectNode reasoning = item("rs_mock" + sequence, "reasoning");
            reasoning.putArray("summary").add(summaryText(thoughts));
            if (request.encryptedReasoning()) {
                reasoning.put("encrypted_content", signatures.issueReasoning(sequence, thoughts));
            } else {
                reasoning.putNull("encrypted_content");
            }
            items.add(reasoning);
        });
        if (answer.calls().isEmpty()) {
            ObjectNode message = item("msg_mock" + sequence, "message").put("status", "completed");
            message.putArray("content").add(outputText(answer.text()));
            items.add(message.put("role", "assistant"));
        }
        for (int i = 0; i < answer.calls().size(); i++) {
            items.add(call(i, answer.calls().get(i)));
        }
        return items;
    }

    private void reasoningEvents(Events events, int index, ObjectNode item, String thoughts) {
        ObjectNode added = item(item.get("id").stringValue(), "reasoning");
        added.putArray("summary");
        events.add(itemEvent("response.output_item.added", index, added));
        String id = item.get("id").stringValue();
        events.add(partEvent("response.reasoning_summary_part.added", id, index, "summary_index")
                .set("part", summaryText("")));
        for (String piece : new Completion.Text(thoughts).pieces()) {
            events.add(partEvent("response.reasoning_summary_text.delta", id, index, "summary_index")
                    .put("delta", piece));
        }
        events.add(partEvent("response.reasoning_summary_text.done", id, index, "summary_index")
                .put("text", thoughts));
        events.add(partEvent("response.reasoning_summary_part.done", id, index, "summary_index")
                .set("part", summaryText(thoughts)));
        events.add(itemEvent("response.output_item.done", index, item));
    }

    private void messageEvents(Events events, int index, ObjectNode item, String text) {
        String id = item.get("id").stringValue();
        ObjectNode added = item(id, "message").put("status", "in_progress");
        added.putArray("content");
        events.add(itemEvent("response.output_item.added", index, added.put("role", "assistant")));
        events.add(partEvent("response.content_part.added", id, index, "content_index").set("part", outputText("")));
        for (String piece : new Completion.Text(text).pieces()) {
            ObjectNode delta = partEvent("response.output_text.delta", id, index, "content_index").put("delta", piece);
            delta.putArray("logprobs");
            events.add(delta);
        }
        ObjectNode done = partEvent("response.output_text.done", id, index, "content_index").put("text", text);
        done.putArray("logprobs");
        events.add(done);
        events.add(partEvent("response.content_part.done", id, index, "content_index").set("part", outputText(text)));
        events.add(itemEvent("response.output_item.done", index, item));
    }

    private void callEvents(Events events, int index, ObjectNode item) {
        String id = item.get("id").stringValue();
        ObjectNode added = item.deepCopy().put("status", "in_progress").put("arguments", "");
        events.add(itemEvent("response.output_item.added", index, added));
        String arguments = item.get("arguments").stringValue();
        for (String fragment : Completion.ToolCalls.fragments(arguments)) {
            events.add(event("response.function_call_arguments.delta").put("item_id", id).put("output_index", index)
                    .put("delta", fragment));
        }
        events.add(event("response.function_call_arguments.done").put("item_id", id).put("output_index", index)
                .put("name", item.get("name").stringValue()).put("arguments", arguments));
        events.add(itemEvent("response.output_item.done", index, item));
    }

    /** A response object; {@code answer} is null for the in-progress skeleton, which has no usage. */
    private ObjectNode response(String status, List<ObjectNode> output, Answer answer) {
        ObjectNode response = JsonText.MAPPER.createObjectNode().put("id", "resp_mock" + sequence)
                .put("object", "response").put("created_at", System.currentTimeMillis() / 1000).put("status", status);
        response.putNull("error").putNull("incomplete_details").put("model", request.model());
        ArrayNode items = response.putArray("output");
        output.forEach(items::add);
        ECHO_DEFAULTS.properties().forEach(e -> {
            JsonNode sent = request.body().get(e.getKey());
            response.set(e.getKey(), (sent == null || sent.isNull() ? e.getValue() : sent).deepCopy());
        });
        if (answer == null) {
            response.putNull("usage");
            return response;
        }
        int reasoningTokens = answer.thoughtTokens();
        int outputTokens = answer.visibleTokens() + reasoningTokens;
        ObjectNode usage = response.putObject("usage").put("input_tokens", request.inputTokens());
        usage.putObject("input_tokens_details").put("cached_tokens", 0).put("cache_write_tokens", 0);
        usage.put("output_tokens", outputTokens);
        usage.putObject("output_tokens_details").put("reasoning_tokens", reasoningTokens);
        usage.put("total_tokens", request.inputTokens() + outputTokens);
        return response.put("completed_at", System.currentTimeMillis() / 1000);
    }

    private ObjectNode call(int index, ToolCall call) {
        return item("fc_mock" + sequence + "_" + index, "function_call").put("status", "completed")
                .put("arguments", call.arguments()).put("call_id", call.id()).put("name", call.name());
    }

    private static ObjectNode item(String id, String type) {
        return JsonText.MAPPER.createObjectNode().put("id", id).put("type", type);
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = JsonText.MAPPER.createObjectNode().put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        return part.put("text", text);
    }

    private static ObjectNode summaryText(String text) {
        return JsonText.MAPPER.createObjectNode().put("type", "summary_text").put("text", text);
    }

    private ObjectNode itemEvent(String type, int index, ObjectNode item) {
        return event(type).put("output_index", index).set("item", item);
    }

    private ObjectNode partEvent(String type, String itemId, int index, String partIndexName) {
        return event(type).put("item_id", itemId).put("output_index", index).put(partIndexName, 0);
    }

    /** An event without its sequence number, which {@link Events#add} assigns. */
    private static ObjectNode event(String type) {
        return JsonText.MAPPER.createObjectNode().put("type", type);
    }

    private static Buffer frame(ObjectNode data) {
        return Buffer.buffer("event: " + data.get("type").stringValue() + "\ndata: "
                + JsonText.MAPPER.writeValueAsString(data) + "\n\n");
    }

    /** The stream's events, numbered in order. */
    private static final class Events {
        final List<Buffer> buffers = new ArrayList<>();

        void add(JsonNode event) {
            ObjectNode numbered = JsonText.MAPPER.createObjectNode().put("type", event.get("type").stringValue())
                    .put("sequence_number", buffers.size());
            event.properties().forEach(e -> {
                if (!e.getKey().equals("type")) {
                    numbered.set(e.getKey(), e.getValue());
                }
            });
            buffers.add(frame(numbered));
        }
    }
}
