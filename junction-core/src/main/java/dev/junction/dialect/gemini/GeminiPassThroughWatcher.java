package dev.junction.dialect.gemini;

import dev.junction.dialect.PassThroughWatcher;
import dev.junction.json.Json;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Watches a Gemini SSE stream relayed untouched to a Gemini client. Usage is cumulative on every chunk, so only the
 * last event that mentions {@code usageMetadata} is kept (by reference: its bytes are never rewritten) and parsed
 * when {@link #usage()} is asked. The stream is complete once a chunk mentions {@code finishReason} or a prompt
 * {@code blockReason}; an {@code {"error":…}} chunk, or a bare JSON object outside a {@code data:} line, is an
 * error. Everything but errors is checked on the bytes. One instance per stream; confined to its event loop.
 */
public final class GeminiPassThroughWatcher implements PassThroughWatcher {

    private static final byte[] FINISH_REASON = "\"finishReason\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BLOCK_REASON = "\"blockReason\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FUNCTION_CALL = "\"functionCall\"".getBytes(StandardCharsets.US_ASCII);

    private final Redactor redactor;
    private SseEvent lastUsage;
    private Usage usage = Usage.ZERO;
    private boolean usageParsed = true;
    private boolean complete;
    private GatewayError error;
    private boolean calledFunctions;
    private List<FinishReason> finishes = List.of();

    public GeminiPassThroughWatcher(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public void observe(SseEvent event) {
        if (!event.hasData()) {
            String raw = event.raw().toString(StandardCharsets.UTF_8).strip();
            if (raw.startsWith("{")) {
                readError(raw);
            }
            return;
        }
        if (event.dataStartsWith("{\"error\"") || event.dataStartsWith("[{\"error\"")) {
            readError(event.data());
            return;
        }
        if (event.mentionsObject("usageMetadata")) {
            lastUsage = event;
            usageParsed = false;
        }
        if (!calledFunctions && contains(event.raw(), FUNCTION_CALL)) {
            calledFunctions = true;
        }
        if (contains(event.raw(), FINISH_REASON)) {
            complete = true;
            boolean tools = calledFunctions;
            finishes = event.stringValues("finishReason").stream()
                    .flatMap(v -> GeminiFinishReasons.read(v, tools).stream()).toList();
        } else if (!complete && contains(event.raw(), BLOCK_REASON)) {
            complete = true;
            finishes = List.of(FinishReason.CONTENT_FILTER);
        }
    }

    private void readError(String json) {
        JsonNode node = Json.tryParse(json).orElse(Json.object());
        if (node.isArray() && !node.isEmpty()) {
            node = node.get(0);
        }
        JsonNode err = node.path("error");
        int status = err.path("code").asInt(500);
        error = GeminiErrors.classify(status < 400 ? 500 : status, err, Optional.empty(), "gemini", redactor);
    }

    @Override
    public Usage usage() {
        if (!usageParsed) {
            usageParsed = true;
            usage = Json.tryParse(lastUsage.data()).map(n -> GeminiUsage.read(n.get("usageMetadata")))
                    .orElse(usage);
        }
        return usage;
    }

    @Override
    public Optional<GatewayError> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public List<FinishReason> finishReasons() {
        return finishes;
    }

    /** Whether the bytes contain the needle; no copy of the event is made. */
    private static boolean contains(Buffer raw, byte[] needle) {
        int end = raw.length() - needle.length;
        outer:
        for (int i = 0; i <= end; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (raw.getByte(i + k) != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
