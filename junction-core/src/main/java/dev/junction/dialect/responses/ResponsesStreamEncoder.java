package dev.junction.dialect.responses;

import dev.junction.dialect.StreamEncoder;
import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.FinishReason;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns canonical stream events into a Responses stream ({@code event: <type>\ndata: <json>\n\n}, no
 * {@code [DONE]}), in OpenAI's sequence with {@code sequence_number}s from 0: {@code response.created} and
 * {@code response.in_progress}; per output item {@code response.output_item.added}, its parts and deltas
 * ({@code content_part.*} with {@code output_text.*} or {@code refusal.*}; {@code function_call_arguments.*};
 * {@code reasoning_summary_part.*} with {@code reasoning_summary_text.*}) and {@code response.output_item.done};
 * then one terminal {@code response.completed} or {@code response.incomplete} carrying the whole response (output
 * and usage). A {@link StreamEvent.StreamError} becomes an {@code error} event, after which nothing is encoded.
 *
 * <p>Text and refusal blocks that follow each other share one {@code message} item; a tool call or thinking block
 * closes it. Thinking of other providers is sealed into the reasoning item's {@code encrypted_content} when its
 * block stops. Only choice 0 is encoded; a missing {@code MessageStart} is synthesised. One instance per response;
 * not thread safe.
 */
public final class ResponsesStreamEncoder implements StreamEncoder {

    private final ResponsesEcho echo;
    private final ResponsesNamespaces.ClientNames names;
    private final ReasoningSeal seal;
    private final Optional<String> fixedId;
    private final ArrayNode output = Json.MAPPER.createArrayNode();
    /** Open blocks by canonical index; the stream's items are written in this order when it stops. */
    private final TreeMap<Integer, ResponsesStreamItem> blocks = new TreeMap<>();
    private ResponsesStreamItem.Message message;
    private int sequence;
    private boolean started;
    private boolean ended;
    private boolean calledFunctions;
    private String id = "";
    private String model = "";
    private long createdAt;
    private Optional<FinishReason> finish = Optional.empty();
    private Usage usage = Usage.ZERO;
    private ObjectNode completed;

    /** An encoder whose response id derives from the upstream's ({@code resp_…}). */
    public ResponsesStreamEncoder(ResponsesEcho echo, ReasoningSeal seal) {
        this(echo, seal, Optional.empty());
    }

    /**
     * An encoder that names the response {@code responseId}, for a server that files the answer under an id of its
     * own choosing (a conversation store).
     */
    public ResponsesStreamEncoder(ResponsesEcho echo, ReasoningSeal seal, String responseId) {
        this(echo, seal, Optional.of(responseId));
    }

    private ResponsesStreamEncoder(ResponsesEcho echo, ReasoningSeal seal, Optional<String> fixedId) {
        this.echo = echo;
        this.names = echo.toolNames();
        this.seal = seal;
        this.fixedId = fixedId;
    }

    @Override
    public String encode(StreamEvent event) {
        if (ended) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        switch (event) {
            case StreamEvent.MessageStart start -> start(start.id(), start.model(), start.created(), out);
            case StreamEvent.BlockStart bs when bs.choice() == 0 -> {
                start("", "", 0, out);
                open(bs.index(), bs.block(), out);
            }
            case StreamEvent.BlockDelta bd when bd.choice() == 0 -> {
                start("", "", 0, out);
                delta(bd, out);
            }
            case StreamEvent.BlockStop stop when stop.choice() == 0 -> close(stop.index(), out);
            case StreamEvent.Finish f when f.choice() == 0 -> finish = Optional.of(f.reason());
            case StreamEvent.UsageUpdate update -> usage = update.usage();
            case StreamEvent.MessageStop stop -> {
                start("", "", 0, out);
                stop(out);
            }
            case StreamEvent.StreamError error -> {
                ended = true;
                out.append(frame(ResponsesErrors.event(error.error(), sequence++)));
            }
            default -> { /* other choices */ }
        }
        return out.toString();
    }

    /** The id the client sees, once the stream has started. */
    public String responseId() {
        return id;
    }

    /** The whole response of the terminal event, once it was written: what a conversation store keeps. */
    public Optional<ObjectNode> completedResponse() {
        return Optional.ofNullable(completed).map(ObjectNode::deepCopy);
    }

    private void start(String upstreamId, String upstreamModel, long created, StringBuilder out) {
        if (started) {
            return;
        }
        started = true;
        id = fixedId.orElseGet(() -> ResponsesIds.response(upstreamId));
        model = upstreamModel;
        createdAt = created > 0 ? created : System.currentTimeMillis() / 1000;
        ObjectNode skeleton = ResponsesResponseMapper.skeleton(id, createdAt, model,
                new ResponsesStatus.End("in_progress", Optional.empty()), echo);
        out.append(frame(event("response.created").set("response", skeleton)));
        out.append(frame(event("response.in_progress").set("response", skeleton)));
    }

    private void open(int index, StreamEvent.Block block, StringBuilder out) {
        if (blocks.containsKey(index)) {
            return;
        }
        ResponsesStreamItem item = switch (block) {
            case StreamEvent.Block.Text t -> textPart(false, out);
            case StreamEvent.Block.Refusal r -> textPart(true, out);
            case StreamEvent.Block.ToolCall call -> {
                closeMessage(out);
                yield new ResponsesStreamItem.Call(this, call.id(), names.resolve(call.name()), out);
            }
            case StreamEvent.Block.Thinking t -> {
                closeMessage(out);
                yield new ResponsesStreamItem.Reasoning(this, out);
            }
        };
        blocks.put(index, item);
    }

    private ResponsesStreamItem textPart(boolean refusal, StringBuilder out) {
        if (message == null) {
            message = new ResponsesStreamItem.Message(this, out);
        }
        return message.addPart(refusal, out);
    }

    private void delta(StreamEvent.BlockDelta bd, StringBuilder out) {
        if (!blocks.containsKey(bd.index())) {
            switch (bd.delta()) {
                case StreamEvent.Delta.Text t -> open(bd.index(), new StreamEvent.Block.Text(), out);
                case StreamEvent.Delta.Refusal r -> open(bd.index(), new StreamEvent.Block.Refusal(), out);
                case StreamEvent.Delta.Thinking t -> open(bd.index(), new StreamEvent.Block.Thinking(), out);
                // Arguments without their call carry no id or name; a signature without its thinking means nothing.
                case StreamEvent.Delta.Arguments a -> { return; }
                case StreamEvent.Delta.Signature s -> { return; }
            }
        }
        blocks.get(bd.index()).delta(bd.delta(), out);
    }

    private void close(int index, StringBuilder out) {
        ResponsesStreamItem item = blocks.remove(index);
        if (item != null) {
            item.close(out);
        }
    }

    private void closeMessage(StringBuilder out) {
        if (message != null) {
            blocks.values().removeIf(b -> b instanceof ResponsesStreamItem.TextPart p && p.closeWith(message, out));
            message.close(out);
            message = null;
        }
    }

    private void stop(StringBuilder out) {
        while (!blocks.isEmpty()) {
            blocks.pollFirstEntry().getValue().close(out);
        }
        closeMessage(out);
        ResponsesStatus.End end = ResponsesStatus.write(finish.orElse(calledFunctions ? FinishReason.TOOL_CALLS
                : FinishReason.STOP));
        ObjectNode response = ResponsesResponseMapper.skeleton(id, createdAt, model, end, echo);
        response.set("output", output.deepCopy());
        response.set("usage", ResponsesUsage.write(usage));
        if (end.status().equals(ResponsesStatus.COMPLETED)) {
            response.put("completed_at", Math.max(createdAt, System.currentTimeMillis() / 1000));
        } else {
            response.putNull("completed_at");
        }
        completed = response;
        ended = true;
        out.append(frame(event(end.eventType()).set("response", response)));
    }

    // What the items need of the encoder.

    ObjectNode event(String type) {
        return Json.object().put("type", type).put("sequence_number", sequence++);
    }

    /** Adds an in-progress item to the output and returns its index. */
    int addItem(ObjectNode item) {
        output.add(item);
        return output.size() - 1;
    }

    /** Replaces the item at {@code index} with its final form. */
    void finishItem(int index, ObjectNode item) {
        output.set(index, item);
    }

    String itemId(String prefix) {
        return ResponsesIds.item(prefix, id, output.size());
    }

    void calledFunction() {
        calledFunctions = true;
    }

    /** The status of an item closed now: {@code incomplete} once the answer is known to have been cut short. */
    String itemStatus() {
        return finish.map(ResponsesStatus::write).map(ResponsesStatus.End::status).orElse(ResponsesStatus.COMPLETED);
    }

    Optional<ObjectNode> reasoningItem(ContentPart.Thinking thinking, String itemId) {
        return ResponsesReasoning.forClient(thinking, itemId, seal);
    }

    static String frame(ObjectNode data) {
        return "event: " + data.get("type").stringValue() + "\ndata: " + Json.write(data) + "\n\n";
    }
}
