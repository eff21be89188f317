package dev.junction.dialect.gemini;

import dev.junction.dialect.StreamDecoder;
import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Turns a {@code streamGenerateContent?alt=sse} stream into canonical events. Each {@code data:} event is a whole
 * {@code GenerateContentResponse} with only the new parts: runs of text become one text block, thought parts a
 * thinking block, each {@code functionCall} (which Gemini sends whole) a complete tool block, and a
 * {@code thoughtSignature} a thinking block of its own holding a signature delta, right before its part. Usage is
 * cumulative on every chunk, so each chunk's is emitted as the latest. Gemini has no terminal event: once every
 * candidate seen has a {@code finishReason} the decoder is {@link #done()} and emits {@link StreamEvent.MessageStop}
 * itself; a body that ends earlier is completed by {@link #finish()}. One instance per stream; not thread safe.
 */
public final class GeminiStreamDecoder implements StreamDecoder {

    private final Redactor redactor;
    private final Map<Integer, Candidate> candidates = new TreeMap<>();
    private boolean started;
    private boolean done;
    private boolean over;

    public GeminiStreamDecoder(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Block bookkeeping for one candidate. */
    private static final class Candidate {
        int nextBlock;
        int openBlock = -1;
        String openKind = "";
        boolean calls;
        boolean finished;
    }

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        if (over) {
            return List.of();
        }
        String data = event.hasData() ? event.data() : event.raw().toString(StandardCharsets.UTF_8).strip();
        if (data.isBlank() || !event.hasData() && !data.startsWith("{") && !data.startsWith("[")) {
            return List.of(); // keep-alive or comment; a bare JSON object outside data: is an error (below)
        }
        List<StreamEvent> out = new ArrayList<>(4);
        Optional<JsonNode> parsed = Json.tryParse(data);
        if (parsed.isEmpty() || !parsed.get().isObject() && !parsed.get().isArray()) {
            fail(new GatewayError.BadGateway("The upstream sent a stream event that is not JSON.", false), out);
            return out;
        }
        if (parsed.get().isArray()) {
            parsed.get().forEach(chunk -> chunk(chunk, out));
        } else {
            chunk(parsed.get(), out);
        }
        return out;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public List<StreamEvent> finish() {
        if (over) {
            return List.of();
        }
        List<StreamEvent> out = new ArrayList<>(2);
        candidates.forEach((index, c) -> close(c, index, out));
        out.add(new StreamEvent.MessageStop());
        over = true;
        return out;
    }

    private void chunk(JsonNode chunk, List<StreamEvent> out) {
        if (over) {
            return;
        }
        JsonNode error = chunk.get("error");
        if (error != null && error.isObject()) {
            int status = error.path("code").asInt(500);
            fail(GeminiErrors.classify(status < 400 ? 500 : status, error, Optional.empty(), "gemini", redactor),
                    out);
            return;
        }
        if (!started) {
            started = true;
            out.add(new StreamEvent.MessageStart(chunk.path("responseId").asString(""),
                    chunk.path("modelVersion").asString(""), Instant.now().getEpochSecond(), Usage.ZERO));
        }
        for (JsonNode candidate : chunk.path("candidates")) {
            candidate(candidate, out);
        }
        if (chunk.path("candidates").isEmpty() && chunk.path("promptFeedback").has("blockReason")) {
            candidates.computeIfAbsent(0, i -> new Candidate()).finished = true;
            out.add(new StreamEvent.Finish(0, FinishReason.CONTENT_FILTER));
        }
        JsonNode usage = chunk.get("usageMetadata");
        if (usage != null && usage.isObject()) {
            out.add(new StreamEvent.UsageUpdate(GeminiUsage.read(usage)));
        }
        if (!candidates.isEmpty() && candidates.values().stream().allMatch(c -> c.finished)) {
            done = true;
            out.add(new StreamEvent.MessageStop());
            over = true;
        }
    }

    private void candidate(JsonNode candidate, List<StreamEvent> out) {
        int index = candidate.path("index").asInt(0);
        Candidate c = candidates.computeIfAbsent(index, i -> new Candidate());
        if (c.finished) {
            return;
        }
        for (JsonNode part : candidate.path("content").path("parts")) {
            part(part, c, index, out);
        }
        String finish = candidate.path("finishReason").stringValue(null);
        if (finish != null) {
            close(c, index, out);
            GeminiFinishReasons.read(finish, c.calls).ifPresent(r -> out.add(new StreamEvent.Finish(index, r)));
            c.finished = true;
        }
    }

    private void part(JsonNode part, Candidate c, int index, List<StreamEvent> out) {
        JsonNode signature = part.get("thoughtSignature");
        if (signature != null && signature.isString()) {
            close(c, index, out);
            int block = open(c, index, "signature", new StreamEvent.Block.Thinking(), out);
            out.add(new StreamEvent.BlockDelta(index, block, new StreamEvent.Delta.Signature(
                    ThoughtSignature.tag(Dialect.GEMINI, signature.stringValue()))));
            close(c, index, out);
        }
        JsonNode text = part.get("text");
        if (text != null && text.isString()) {
            if (text.stringValue().isEmpty()) {
                return;
            }
            if (part.path("thought").asBoolean(false)) {
                int block = open(c, index, "thinking", new StreamEvent.Block.Thinking(), out);
                out.add(new StreamEvent.BlockDelta(index, block, new StreamEvent.Delta.Thinking(text.stringValue())));
            } else {
                int block = open(c, index, "text", new StreamEvent.Block.Text(), out);
                out.add(new StreamEvent.BlockDelta(index, block, new StreamEvent.Delta.Text(text.stringValue())));
            }
            return;
        }
        JsonNode call = part.get("functionCall");
        if (call != null && call.isObject()) {
            close(c, index, out);
            String id = call.path("id").asString("");
            int block = c.nextBlock++;
            out.add(new StreamEvent.BlockStart(index, block, new StreamEvent.Block.ToolCall(
                    id.isEmpty() ? GeminiParts.newCallId() : id, call.path("name").asString(""))));
            JsonNode args = call.get("args");
            out.add(new StreamEvent.BlockDelta(index, block, new StreamEvent.Delta.Arguments(
                    Json.write(args != null && args.isObject() ? args : Json.object()))));
            out.add(new StreamEvent.BlockStop(index, block));
            c.calls = true;
        }
        // inlineData (generated images), executableCode, …: no stream event can carry them.
    }

    private static int open(Candidate c, int index, String kind, StreamEvent.Block block, List<StreamEvent> out) {
        if (c.openBlock >= 0 && c.openKind.equals(kind)) {
            return c.openBlock;
        }
        close(c, index, out);
        c.openBlock = c.nextBlock++;
        c.openKind = kind;
        out.add(new StreamEvent.BlockStart(index, c.openBlock, block));
        return c.openBlock;
    }

    private static void close(Candidate c, int index, List<StreamEvent> out) {
        if (c.openBlock >= 0) {
            out.add(new StreamEvent.BlockStop(index, c.openBlock));
            c.openBlock = -1;
            c.openKind = "";
        }
    }

    private void fail(GatewayError error, List<StreamEvent> out) {
        out.add(new StreamEvent.StreamError(error));
        over = true;
    }
}
