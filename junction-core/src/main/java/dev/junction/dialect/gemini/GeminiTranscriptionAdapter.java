package dev.junction.dialect.gemini;

import dev.junction.audio.AudioAnswer;
import dev.junction.audio.AudioMetering;
import dev.junction.audio.TranscriptionAdapter;
import dev.junction.audio.TranscriptionRequest;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Base64FileBody;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamHeaders;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI transcriptions and translations through Gemini's audio understanding: {@code POST
 * <baseUrl>/models/<model>:generateContent} with a transcription instruction and the file as {@code inlineData},
 * base64-encoded as it is streamed from disk ({@link Base64FileBody}), so the encoded file is never held in memory.
 * Inline data is limited to {@link #MAX_INLINE_BYTES} (the request must stay under Gemini's 20 MB): a larger file is
 * a 413 naming the limit, before anything is sent. The answer is read whole and given in the format the client
 * asked for ({@link GeminiTranscripts}), with what it consumed from its {@code usageMetadata}. Stateless; thread
 * safe.
 */
public final class GeminiTranscriptionAdapter implements TranscriptionAdapter {

    /**
     * The largest file sent inline: 14 MiB, whose base64 (4/3 of it, 18.7 MiB) and the instruction stay under the
     * 20 MB Gemini takes in one request.
     */
    public static final long MAX_INLINE_BYTES = 14L * 1024 * 1024;

    private final HttpUpstreamClient http;
    private final Redactor redactor;

    public GeminiTranscriptionAdapter(HttpUpstreamClient http, Redactor redactor) {
        this.http = http;
        this.redactor = redactor;
    }

    @Override
    public Future<AudioAnswer> transcribe(TranscriptionRequest request, ProviderConfig provider, String upstreamModel,
                                          String requestId, Propagation trace, Cancellation cancellation) {
        var upload = request.file();
        if (upload.size() > MAX_INLINE_BYTES) {
            return Future.failedFuture(new UpstreamFailure(new GatewayError.UpstreamRejected(413, "The audio file is "
                    + upload.size() + " bytes; the Gemini provider '" + provider.name() + "' takes files of up to "
                    + MAX_INLINE_BYTES + " bytes.", Optional.of("invalid_request_error"), Optional.of("file"),
                    Optional.of("file_too_large"))));
        }
        ObjectNode json = GeminiTranscripts.body(request);
        provider.params().apply(json);
        String marker = "\"data\":\"" + GeminiTranscripts.AUDIO_PLACEHOLDER + "\"";
        String text = Json.write(json);
        int at = text.indexOf(marker);
        var body = new Base64FileBody(http.fileSystem(), text.substring(0, at + 8), upload.path(), upload.size(),
                text.substring(at + marker.length() - 1), "application/json");
        String url = provider.baseUrl() + "/models/" + upstreamModel + ":generateContent";
        var exchange = new HttpUpstreamClient.Exchange(url, UpstreamHeaders.of(provider, requestId, false, trace,
                upstreamModel), Buffer.buffer(), false, provider.name(), provider.caBundle()).uploading(body);
        return http.send(exchange, provider.timeouts(), cancellation).compose(reply -> JsonReplies.read(reply,
                provider.name(), GeminiErrors::classify, redactor, answer -> answer(request, provider, answer)));
    }

    private static AudioAnswer answer(TranscriptionRequest request, ProviderConfig provider, JsonNode answer) {
        String text = GeminiTranscripts.text(answer);
        if (answer.path("candidates").isEmpty() || text.isEmpty() && !finishedNormally(answer)) {
            throw new GatewayException(new GatewayError.BadGateway("The upstream provider '" + provider.name()
                    + "' answered without a transcript (finish reason " + answer.path("candidates").path(0)
                    .path("finishReason").asString("none") + ").", false));
        }
        AudioMetering metering = GeminiTranscripts.metering(answer);
        if (request.stream()) {
            return new AudioAnswer.Whole("text/event-stream", Buffer.buffer(GeminiTranscripts.events(text, metering)),
                    metering);
        }
        if (!GeminiTranscripts.timed(request)) {
            return request.responseFormat().equals("text")
                    ? new AudioAnswer.Whole("text/plain; charset=utf-8", Buffer.buffer(text + "\n"), metering)
                    : new AudioAnswer.Whole("application/json", Buffer.buffer(Json.bytes(GeminiTranscripts.json(text,
                    metering))), metering);
        }
        List<GeminiTranscripts.Segment> segments = GeminiTranscripts.segments(text);
        return switch (request.responseFormat()) {
            case "srt" -> new AudioAnswer.Whole("text/plain; charset=utf-8",
                    Buffer.buffer(GeminiTranscripts.srt(segments)), metering);
            case "vtt" -> new AudioAnswer.Whole("text/vtt; charset=utf-8",
                    Buffer.buffer(GeminiTranscripts.vtt(segments)), metering);
            default -> new AudioAnswer.Whole("application/json", Buffer.buffer(Json.bytes(GeminiTranscripts.verbose(
                    request, segments, GeminiTranscripts.language(text), metering))), metering);
        };
    }

    /** Whether the first candidate stopped on its own (an empty transcript of silence is an answer). */
    private static boolean finishedNormally(JsonNode answer) {
        return answer.path("candidates").path(0).path("finishReason").asString("STOP").equals("STOP");
    }
}
