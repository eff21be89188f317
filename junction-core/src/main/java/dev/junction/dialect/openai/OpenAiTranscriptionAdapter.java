package dev.junction.dialect.openai;

import dev.junction.audio.AudioAnswer;
import dev.junction.audio.AudioMetering;
import dev.junction.audio.AudioReplies;
import dev.junction.audio.SubtitleDuration;
import dev.junction.audio.TranscriptEvents;
import dev.junction.audio.TranscriptionAdapter;
import dev.junction.audio.TranscriptionRequest;
import dev.junction.json.Json;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.MultipartFileBody;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamHeaders;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamResource;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Transcriptions and translations at OpenAI, Groq and every Whisper-style server ({@code POST
 * <baseUrl>/audio/transcriptions} or {@code /audio/translations}): a new multipart body per attempt, the client's
 * fields in their order after the upstream model, the file streamed from disk. Whole answers are read (they are
 * text) for the usage they report; transcript events are relayed as they come, their usage read on the way.
 * Stateless; thread safe.
 */
public final class OpenAiTranscriptionAdapter implements TranscriptionAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;
    private final UpstreamEndpoint endpoint;
    private final JsonReplies.Classifier errors;

    public OpenAiTranscriptionAdapter(HttpUpstreamClient http, Redactor redactor) {
        this(http, redactor, UpstreamEndpoint.DIRECT, OpenAiErrors::classify);
    }

    /** An adapter for a host with URLs, credentials or errors of its own (Azure). */
    public OpenAiTranscriptionAdapter(HttpUpstreamClient http, Redactor redactor, UpstreamEndpoint endpoint,
                                      JsonReplies.Classifier errors) {
        this.http = http;
        this.redactor = redactor;
        this.endpoint = endpoint;
        this.errors = errors;
    }

    @Override
    public Future<AudioAnswer> transcribe(TranscriptionRequest request, ProviderConfig provider, String upstreamModel,
                                          String requestId, Propagation trace, Cancellation cancellation) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("model", upstreamModel));
        fields.addAll(request.fields());
        var upload = request.file();
        MultipartFileBody body = MultipartFileBody.of(http.fileSystem(), fields, new MultipartFileBody.FilePart("file",
                upload.filename(), upload.contentType(), upload.path(), upload.size()));
        var headers = UpstreamHeaders.of(provider, requestId, request.stream(), trace, upstreamModel);
        UpstreamResource.OpenAi operation = request.task() == TranscriptionRequest.Task.TRANSLATION
                ? UpstreamResource.OpenAi.TRANSLATIONS : UpstreamResource.OpenAi.TRANSCRIPTIONS;
        return endpoint.open(provider, UpstreamRequest.of(operation, upstreamModel, headers, Buffer.buffer(), false)
                .uploading(body)).compose(exchange -> {
            return request.stream() ? streamed(exchange, provider, cancellation) : whole(exchange, provider,
                    request.responseFormat(), cancellation);
        });
    }

    private Future<AudioAnswer> whole(HttpUpstreamClient.Exchange exchange, ProviderConfig provider, String format,
                                      Cancellation cancellation) {
        return http.send(exchange, provider.timeouts(), cancellation).compose(reply -> {
            var body = (HttpUpstreamClient.Reply.Body) reply; // not a stream: always read whole
            if (body.status() >= 400) {
                return AudioReplies.failure(body, provider.name(), errors, redactor);
            }
            String type = AudioReplies.contentType(body, "application/json");
            AudioMetering metering;
            if (type.startsWith("application/json")) {
                metering = Json.tryParse(body.body().getBytes()).map(OpenAiAudio::metering).orElse(AudioMetering.NONE);
            } else if (SubtitleDuration.isSubtitle(format)) {
                // srt and vtt say nothing of the audio but their cues' times: it lasts at least to the last cue's end.
                var seconds = SubtitleDuration.of(body.body().toString(StandardCharsets.UTF_8));
                metering = seconds.isPresent() ? AudioMetering.atLeast(seconds.getAsDouble()) : AudioMetering.NONE;
            } else {
                metering = AudioMetering.NONE;
            }
            return Future.succeededFuture(new AudioAnswer.Whole(type, body.body(), metering));
        });
    }

    private Future<AudioAnswer> streamed(HttpUpstreamClient.Exchange exchange, ProviderConfig provider,
                                         Cancellation cancellation) {
        return http.relay(exchange, provider.timeouts(), cancellation).compose(reply -> switch (reply) {
            case HttpUpstreamClient.Reply.Body error -> AudioReplies.failure(error, provider.name(), errors,
                    redactor);
            case HttpUpstreamClient.Bytes events -> {
                TranscriptEvents watched = new TranscriptEvents(events.body(),
                        event -> OpenAiStreamErrors.of(event, redactor));
                yield Future.succeededFuture(new AudioAnswer.Streamed(AudioReplies.contentType(events,
                        "text/event-stream"), watched, watched::metering, true));
            }
        });
    }
}
