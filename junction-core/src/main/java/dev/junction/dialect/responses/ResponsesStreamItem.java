package dev.junction.dialect.responses;

import static dev.junction.dialect.responses.ResponsesStreamEncoder.frame;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.StreamEvent;
import dev.junction.model.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of one open block of a {@link ResponsesStreamEncoder}, writing its events as it goes: a text or refusal
 * part of a {@link Message} item, a function call, or a reasoning item. Confined to the encoder.
 */
sealed interface ResponsesStreamItem {

    /** Writes the events of more content. */
    void delta(StreamEvent.Delta delta, StringBuilder out);

    /** Writes the events that complete the block. */
    void close(StringBuilder out);

    /** An assistant {@code message} item, open while text and refusal parts follow each other. */
    final class Message {
        private final ResponsesStreamEncoder encoder;
        private final String itemId;
        private final int outputIndex;
        private final TreeMap<Integer, ObjectNode> parts = new TreeMap<>();
        private int nextContent;

        Message(ResponsesStreamEncoder encoder, StringBuilder out) {
            this.encoder = encoder;
            this.itemId = encoder.itemId("msg");
            ObjectNode item = ResponsesItems.message(itemId, "in_progress");
            this.outputIndex = encoder.addItem(item);
            out.append(frame(encoder.event("response.output_item.added").put("output_index", outputIndex)
                    .set("item", item)));
        }

        TextPart addPart(boolean refusal, StringBuilder out) {
            return new TextPart(this, nextContent++, refusal, out);
        }

        ObjectNode partEvent(String type, int contentIndex) {
            return encoder.event(type).put("item_id", itemId).put("output_index", outputIndex)
                    .put("content_index", contentIndex);
        }

        void close(StringBuilder out) {
            ObjectNode item = ResponsesItems.message(itemId, encoder.itemStatus());
            ArrayNode content = (ArrayNode) item.get("content");
            parts.values().forEach(content::add);
            encoder.finishItem(outputIndex, item);
            out.append(frame(encoder.event("response.output_item.done").put("output_index", outputIndex)
                    .set("item", item)));
        }
    }

    /** An {@code output_text} or {@code refusal} part of a message. */
    final class TextPart implements ResponsesStreamItem {
        private final Message message;
        private final int contentIndex;
        private final boolean refusal;
        private final StringBuilder text = new StringBuilder();
        private final List<TokenLogprob> logprobs = new ArrayList<>();
        private boolean closed;

        TextPart(Message message, int contentIndex, boolean refusal, StringBuilder out) {
            this.message = message;
            this.contentIndex = contentIndex;
            this.refusal = refusal;
            out.append(frame(message.partEvent("response.content_part.added", contentIndex).set("part", part())));
        }

        @Override
        public void delta(StreamEvent.Delta delta, StringBuilder out) {
            String piece = switch (delta) {
                case StreamEvent.Delta.Text t -> {
                    logprobs.addAll(t.logprobs());
                    yield t.text();
                }
                case StreamEvent.Delta.Refusal r -> r.text();
                default -> "";
            };
            if (piece.isEmpty()) {
                return;
            }
            text.append(piece);
            ObjectNode event = message.partEvent(refusal ? "response.refusal.delta" : "response.output_text.delta",
                    contentIndex).put("delta", piece);
            if (!refusal) {
                event.set("logprobs", ResponsesLogprobs.write(delta instanceof StreamEvent.Delta.Text t
                        ? t.logprobs() : List.of()));
            }
            out.append(frame(event));
        }

        @Override
        public void close(StringBuilder out) {
            if (closed) {
                return;
            }
            closed = true;
            ObjectNode done = refusal
                    ? message.partEvent("response.refusal.done", contentIndex).put("refusal", text.toString())
                    : message.partEvent("response.output_text.done", contentIndex).put("text", text.toString());
            if (!refusal) {
                done.set("logprobs", ResponsesLogprobs.write(logprobs));
            }
            out.append(frame(done));
            ObjectNode part = part();
            out.append(frame(message.partEvent("response.content_part.done", contentIndex).set("part", part)));
            message.parts.put(contentIndex, part);
        }

        /** Closes this part if it belongs to {@code owner}, which is closing; tells whether it did. */
        boolean closeWith(Message owner, StringBuilder out) {
            if (message != owner) {
                return false;
            }
            close(out);
            return true;
        }

        private ObjectNode part() {
            return refusal ? ResponsesItems.refusal(text.toString())
                    : ResponsesItems.outputText(text.toString(), closed ? logprobs : List.of());
        }
    }

    /** A {@code function_call} item. */
    final class Call implements ResponsesStreamItem {
        private final ResponsesStreamEncoder encoder;
        private final String itemId;
        private final String callId;
        private final ResponsesNamespaces.FunctionName name;
        private final int outputIndex;
        private final StringBuilder arguments = new StringBuilder();

        Call(ResponsesStreamEncoder encoder, String callId, ResponsesNamespaces.FunctionName name,
             StringBuilder out) {
            this.encoder = encoder;
            this.itemId = encoder.itemId("fc");
            this.callId = callId;
            this.name = name;
            ObjectNode item = ResponsesItems.functionCall(itemId, "in_progress", "", callId, name);
            this.outputIndex = encoder.addItem(item);
            out.append(frame(encoder.event("response.output_item.added").put("output_index", outputIndex)
                    .set("item", item)));
        }

        @Override
        public void delta(StreamEvent.Delta delta, StringBuilder out) {
            if (delta instanceof StreamEvent.Delta.Arguments a && !a.fragment().isEmpty()) {
                arguments.append(a.fragment());
                out.append(frame(event("response.function_call_arguments.delta").put("delta", a.fragment())));
            }
        }

        @Override
        public void close(StringBuilder out) {
            out.append(frame(event("response.function_call_arguments.done").put("name", name.name())
                    .put("arguments", arguments.toString())));
            ObjectNode item = ResponsesItems.functionCall(itemId, ResponsesStatus.COMPLETED, arguments.toString(),
                    callId, name);
            encoder.finishItem(outputIndex, item);
            encoder.calledFunction();
            out.append(frame(encoder.event("response.output_item.done").put("output_index", outputIndex)
                    .set("item", item)));
        }

        private ObjectNode event(String type) {
            return encoder.event(type).put("item_id", itemId).put("output_index", outputIndex);
        }
    }

    /**
     * A {@code reasoning} item: the thinking text streams as one summary part; the signature, which comes last, goes
     * into the item's {@code encrypted_content} when the block stops (sealed, unless OpenAI issued it, in which case
     * the final item carries OpenAI's own id).
     */
    final class Reasoning implements ResponsesStreamItem {
        private final ResponsesStreamEncoder encoder;
        private final String itemId;
        private final int outputIndex;
        private final StringBuilder text = new StringBuilder();
        private String signature;
        private boolean summaryOpen;

        Reasoning(ResponsesStreamEncoder encoder, StringBuilder out) {
            this.encoder = encoder;
            this.itemId = encoder.itemId("rs");
            ObjectNode item = Json.object().put("id", itemId).put("type", "reasoning");
            item.putArray("summary");
            this.outputIndex = encoder.addItem(item);
            out.append(frame(encoder.event("response.output_item.added").put("output_index", outputIndex)
                    .set("item", item)));
        }

        @Override
        public void delta(StreamEvent.Delta delta, StringBuilder out) {
            switch (delta) {
                case StreamEvent.Delta.Thinking t when !t.text().isEmpty() -> {
                    if (!summaryOpen) {
                        summaryOpen = true;
                        out.append(frame(event("response.reasoning_summary_part.added")
                                .set("part", ResponsesItems.summaryText(""))));
                    }
                    text.append(t.text());
                    out.append(frame(event("response.reasoning_summary_text.delta").put("delta", t.text())));
                }
                case StreamEvent.Delta.Signature s -> signature = s.signature();
                default -> { }
            }
        }

        @Override
        public void close(StringBuilder out) {
            if (summaryOpen) {
                out.append(frame(event("response.reasoning_summary_text.done").put("text", text.toString())));
                out.append(frame(event("response.reasoning_summary_part.done")
                        .set("part", ResponsesItems.summaryText(text.toString()))));
            }
            ContentPart.Thinking thinking = new ContentPart.Thinking(text.toString(), Optional.ofNullable(signature),
                    false);
            ObjectNode item = encoder.reasoningItem(thinking, itemId)
                    .orElseGet(() -> ResponsesReasoning.item(itemId, "", Optional.empty()));
            encoder.finishItem(outputIndex, item);
            out.append(frame(encoder.event("response.output_item.done").put("output_index", outputIndex)
                    .set("item", item)));
        }

        private ObjectNode event(String type) {
            return encoder.event(type).put("item_id", itemId).put("output_index", outputIndex)
                    .put("summary_index", 0);
        }
    }
}
