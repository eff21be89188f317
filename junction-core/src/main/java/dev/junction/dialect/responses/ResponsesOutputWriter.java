package dev.junction.dialect.responses;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Message;
import dev.junction.model.TokenLogprob;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an assistant message as the {@code output} items of a response: one {@code message} item for each run of
 * text and refusals, a {@code reasoning} item per thinking (sealed unless OpenAI issued it), a
 * {@code function_call} item per tool call (named as the client declared the tool), and Responses items of an OpenAI
 * upstream as they came. One instance per response.
 */
final class ResponsesOutputWriter {

    private final String responseId;
    private final String messageStatus;
    private final ReasoningSeal seal;
    private final ResponsesNamespaces.ClientNames names;
    private final ArrayNode output = Json.MAPPER.createArrayNode();
    private List<TokenLogprob> logprobs;
    private ObjectNode message;

    private ResponsesOutputWriter(Target target, String messageStatus, List<TokenLogprob> logprobs) {
        this.responseId = target.responseId();
        this.seal = target.seal();
        this.names = target.names();
        this.messageStatus = messageStatus;
        this.logprobs = logprobs;
    }

    /**
     * The response the items are written for.
     *
     * @param responseId the response's id, from which item ids derive
     * @param seal seals other providers' reasoning
     * @param names the client's names for the tools it declared
     */
    record Target(String responseId, ReasoningSeal seal, ResponsesNamespaces.ClientNames names) {}

    /**
     * The output items of {@code message}.
     *
     * @param messageStatus {@code completed}, or {@code incomplete} for an answer cut short
     * @param logprobs the answer's token log probabilities, put on its first text part
     */
    static ArrayNode write(Message message, Target target, String messageStatus, List<TokenLogprob> logprobs) {
        ResponsesOutputWriter writer = new ResponsesOutputWriter(target, messageStatus, logprobs);
        message.content().forEach(writer::part);
        return writer.output;
    }

    private void part(ContentPart part) {
        switch (part) {
            case ContentPart.Text t -> {
                ((ArrayNode) openMessage().get("content")).add(ResponsesItems.outputText(t.text(), logprobs));
                logprobs = List.of();
            }
            case ContentPart.Refusal r -> ((ArrayNode) openMessage().get("content")).add(
                    ResponsesItems.refusal(r.text()));
            case ContentPart.Thinking t -> {
                message = null;
                ResponsesReasoning.forClient(t, nextId("rs"), seal).ifPresent(output::add);
            }
            case ContentPart.ToolCall call -> {
                message = null;
                output.add(ResponsesItems.functionCall(nextId("fc"), ResponsesStatus.COMPLETED, call.arguments(),
                        call.id(), names.resolve(call.name())));
            }
            case ContentPart.Opaque o when o.dialect() == Dialect.OPENAI_RESPONSES -> {
                message = null;
                output.add(o.raw());
            }
            default -> { /* media, results and other dialects' blocks do not occur in an answer */ }
        }
    }

    private ObjectNode openMessage() {
        if (message == null) {
            message = ResponsesItems.message(nextId("msg"), messageStatus);
            output.add(message);
        }
        return message;
    }

    private String nextId(String prefix) {
        return ResponsesIds.item(prefix, responseId, output.size());
    }
}
