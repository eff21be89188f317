package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders answers as Gemini {@code GenerateContentResponse}s (see {@code wire/gemini.md §5–6}): one body,
 * or a stream of chunks, each a complete response with only the new parts, cumulative
 * {@code usageMetadata}, {@code modelVersion} and {@code responseId}. Parts in order: a
 * {@code "thought": true} part, then text or {@code functionCall} parts; with thoughts, a
 * {@code thoughtSignature} (issued here) sits on the first call, else on the first text part. Streams
 * send thoughts and text one word per chunk and all calls in one chunk; the last chunk carries
 * {@code finishReason: STOP}.
 *
 * @param request the request being answered
 * @param sequence the request's sequence number, for the response id and signatures
 * @param signatures where issued function-call signatures are remembered
 */
record GeminiFormat(GeminiRequest request, long sequence, IssuedSignatures signatures) implements AnswerFormat {

    @Override
    public boolean streams() {
        return request.stream() != GeminiRequest.Streaming.NONE;
    }

    @Override
    public CharSequence jsonContentType() {
        return Exchange.GOOGLE_JSON;
    }

    @Override
    public CharSequence streamContentType() {
        return request.stream() == GeminiRequest.Streaming.SSE ? Exchange.GOOGLE_EVENT_STREAM : Exchange.GOOGLE_JSON;
    }

    @Override
    public Optional<String> inexpressible(Answer answer) {
        return answer.callWithNonObjectArguments().map(call ->
                "mock upstream: the arguments of tool call " + call.id() + " are not a JSON object: " + call.arguments());
    }

    @Override
    public Buffer body(Answer answer) {
        ArrayNode parts = JsonText.MAPPER.createArrayNode();
        answer.thoughts().ifPresent(thoughts -> parts.add(thoughtPart(thoughts)));
        parts.addAll(answerParts(answer));
        return JsonText.buffer(chunk(parts, true, answer.visibleTokens(), answer));
    }

    @Override
    public List<Buffer> events(Answer answer) {
        List<ObjectNode> chunks = new ArrayList<>();
        for (String piece : answer.thoughts().map(thoughts -> new Completion.Text(thoughts).pieces()).orElse(List.of())) {
            chunks.add(chunk(JsonText.MAPPER.createArrayNode().add(thoughtPart(piece)), false, 0, answer));
        }
        List<ObjectNode> parts = answerParts(answer);
        if (!answer.calls().isEmpty()) {
            chunks.add(chunk(JsonText.MAPPER.createArrayNode().addAll(parts), true, answer.visibleTokens(), answer));
        } else {
            ObjectNode first = parts.getFirst();
            List<String> pieces = new Completion.Text(answer.text()).pieces();
            int words = 0;
            for (int i = 0; i < Math.max(1, pieces.size()); i++) {
                String piece = pieces.isEmpty() ? "" : pieces.get(i);
                words += piece.isBlank() ? 0 : 1;
                ObjectNode part = i == 0 ? first.put("text", piece) : JsonText.MAPPER.createObjectNode().put("text", piece);
                chunks.add(chunk(JsonText.MAPPER.createArrayNode().add(part), i >= pieces.size() - 1, words, answer));
            }
        }
        return frame(chunks);
    }

    @Override
    public Buffer streamError(int position) {
        return frameError(GeminiError.MID_STREAM, position);
    }

    @Override
    public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return GeminiError.forStatus(status, request.model(), behaviorHeaders)
                .body(request.stream() == GeminiRequest.Streaming.JSON_ARRAY);
    }

    @Override
    public Buffer mockFailure(String message) {
        return GeminiError.of(500, message, "INTERNAL").body(request.stream() == GeminiRequest.Streaming.JSON_ARRAY);
    }

    /** The answer's text part or call parts; the first carries the thought signature when there are thoughts. */
    private List<ObjectNode> answerParts(Answer answer) {
        List<ObjectNode> parts = new ArrayList<>();
        if (answer.calls().isEmpty()) {
            parts.add(JsonText.MAPPER.createObjectNode().put("text", answer.text()));
        }
        for (ToolCall call : answer.calls()) {
            ObjectNode functionCall = JsonText.MAPPER.createObjectNode().put("name", call.name());
            functionCall.set("args", Answer.argumentsOf(call).orElseThrow());
            ObjectNode part = JsonText.MAPPER.createObjectNode();
            part.set("functionCall", functionCall);
            parts.add(part);
        }
        answer.thoughts().ifPresent(thoughts -> parts.getFirst().put("thoughtSignature", signature(answer, thoughts)));
        return parts;
    }

    private String signature(Answer answer, String thoughts) {
        Optional<IssuedSignatures.FunctionCall> firstCall = answer.calls().stream().findFirst()
                .map(call -> new IssuedSignatures.FunctionCall(call.name(), Answer.argumentsOf(call).orElseThrow()));
        return signatures.issueGemini(sequence, thoughts, firstCall);
    }

    private static ObjectNode thoughtPart(String thoughts) {
        return JsonText.MAPPER.createObjectNode().put("text", thoughts).put("thought", true);
    }

    /** One response: these parts, finished or not, with usage counting {@code visibleTokens} so far. */
    private ObjectNode chunk(ArrayNode parts, boolean last, int visibleTokens, Answer answer) {
        ObjectNode response = JsonText.MAPPER.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.set("parts", parts);
        content.put("role", "model");
        if (last) {
            candidate.put("finishReason", "STOP");
        }
        candidate.put("index", 0);
        if (last && !answer.calls().isEmpty()) {
            candidate.put("finishMessage", "Model generated function call(s).");
        }
        int thoughtTokens = answer.thoughtTokens();
        ObjectNode usage = response.putObject("usageMetadata").put("promptTokenCount", request.promptTokens())
                .put("candidatesTokenCount", visibleTokens)
                .put("totalTokenCount", request.promptTokens() + visibleTokens + thoughtTokens);
        usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", request.promptTokens());
        if (thoughtTokens > 0) {
            usage.put("thoughtsTokenCount", thoughtTokens);
        }
        return response.put("modelVersion", request.model()).put("responseId", "mock-gemini-" + sequence);
    }

    /** Frames chunks as SSE events or as the elements of one JSON array, the last closing it. */
    private List<Buffer> frame(List<ObjectNode> chunks) {
        List<Buffer> events = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            String json = JsonText.MAPPER.writeValueAsString(chunks.get(i));
            if (request.stream() == GeminiRequest.Streaming.SSE) {
                events.add(Buffer.buffer("data: " + json + "\r\n\r\n"));
            } else {
                events.add(Buffer.buffer((i == 0 ? "[" : ",\r\n") + json + (i == chunks.size() - 1 ? "]" : "")));
            }
        }
        return events;
    }

    private Buffer frameError(GeminiError error, int position) {
        String json = JsonText.MAPPER.writeValueAsString(error.toJson());
        if (request.stream() == GeminiRequest.Streaming.SSE) {
            return Buffer.buffer("data: " + json + "\r\n\r\n");
        }
        return Buffer.buffer((position == 0 ? "[" : ",\r\n") + json + "]");
    }
}
