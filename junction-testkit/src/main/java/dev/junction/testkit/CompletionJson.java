package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a completion as OpenAI's wire JSON: one {@code chat.completion} body, or the
 * {@code chat.completion.chunk} events of a stream (see {@code wire/openai-chat.md §4, §9}).
 * The shapes are fixed, so they are written as templates; each event is its own buffer.
 *
 * @param id the response id, {@code chatcmpl-…}
 * @param created the creation time in epoch seconds
 * @param request the request being answered
 * @param completion what each choice says
 * @param reasoningTokens reasoning tokens of each choice, reported in usage only
 */
record CompletionJson(String id, long created, ChatRequest request, Completion completion, int reasoningTokens) {

    private static final String DONE_EVENT = "data: [DONE]\n\n";

    /** {@return the non-stream {@code chat.completion} body} */
    String body() {
        StringBuilder json = new StringBuilder(512);
        json.append("{\"id\":");
        JsonText.appendQuoted(json, id).append(",\"object\":\"chat.completion\",\"created\":").append(created);
        JsonText.appendQuoted(json.append(",\"model\":"), request.model()).append(",\"choices\":[");
        for (int index = 0; index < request.choices(); index++) {
            json.append(index == 0 ? "{\"index\":" : ",{\"index\":").append(index).append(",\"message\":");
            completion.appendMessage(json);
            json.append(",\"logprobs\":null,\"finish_reason\":\"").append(completion.finishReason()).append("\"}");
        }
        Usage.of(request, completion, reasoningTokens).appendJson(json.append("],\"usage\":"));
        return json.append(",\"service_tier\":\"default\",\"system_fingerprint\":null}").toString();
    }

    /**
     * The stream events, each {@code data: <json>\n\n}: per choice the deltas, then a finish chunk per
     * choice, the usage chunk if asked for, and {@code data: [DONE]}. With several choices the deltas
     * interleave by position.
     */
    List<Buffer> events() {
        String prefix = chunkPrefix();
        String suffix = request.includeUsage() ? "],\"usage\":null}\n\n" : "]}\n\n";
        List<String> deltas = completion.deltas();
        int choices = request.choices();
        List<Buffer> events = new ArrayList<>((deltas.size() + 1) * choices + 2);
        for (String delta : deltas) {
            for (int index = 0; index < choices; index++) {
                events.add(choiceChunk(prefix, index, delta, "null", suffix));
            }
        }
        String finishReason = '"' + completion.finishReason() + '"';
        for (int index = 0; index < choices; index++) {
            events.add(choiceChunk(prefix, index, "{}", finishReason, suffix));
        }
        if (request.includeUsage()) {
            StringBuilder usage = new StringBuilder(prefix.length() + 320).append(prefix).append("],\"usage\":");
            events.add(Buffer.buffer(Usage.of(request, completion, reasoningTokens).appendJson(usage).append("}\n\n").toString()));
        }
        events.add(Buffer.buffer(DONE_EVENT));
        return events;
    }

    /** {@code data: {"id":…,"choices":[} — identical in every chunk of the stream. */
    private String chunkPrefix() {
        StringBuilder json = new StringBuilder(192).append("data: {\"id\":");
        JsonText.appendQuoted(json, id).append(",\"object\":\"chat.completion.chunk\",\"created\":").append(created);
        JsonText.appendQuoted(json.append(",\"model\":"), request.model());
        return json.append(",\"service_tier\":\"default\",\"system_fingerprint\":null,\"choices\":[").toString();
    }

    private static Buffer choiceChunk(String prefix, int index, String delta, String finishReason, String suffix) {
        StringBuilder json = new StringBuilder(prefix.length() + delta.length() + 96);
        json.append(prefix).append("{\"index\":").append(index).append(",\"delta\":").append(delta)
                .append(",\"logprobs\":null,\"finish_reason\":").append(finishReason).append('}').append(suffix);
        return Buffer.buffer(json.toString());
    }

    /** {@return the in-stream error event of {@link Behavior#errorAfterEvents}} */
    static Buffer errorEvent() {
        return Buffer.buffer("data: " + OpenAiError.MID_STREAM.toJson() + "\n\n");
    }
}
