package dev.junction.dialect.deepgram;

import dev.junction.audio.AudioAnswer;
import dev.junction.audio.AudioMetering;
import dev.junction.audio.AudioReplies;
import dev.junction.audio.TranscriptionAdapter;
import dev.junction.audio.TranscriptionRequest;
import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.FileBody;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamHeaders;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI transcription requests at Deepgram: {@code POST <baseUrl>/v1/listen?model=…&smart_format=true} (plus
 * {@code language}, or {@code detect_language=true}; {@code utterances=true} for verbose_json) with the file's bytes
 * as the body under its own content type, streamed from disk, and {@code Authorization: Token <key>}. The answer is
 * read whole and given in OpenAI's json, text or verbose_json, or as the two transcript events when the client asked
 * for a stream. Translations, srt and vtt have no Deepgram equivalent and are a 400. Stateless; thread safe.
 */
public final class DeepgramTranscriptionAdapter implements TranscriptionAdapter {

    private static final Set<String> FORMATS = Set.of("json", "text", "verbose_json");

    private final HttpUpstreamClient http;
    private final Redactor redactor;

    public DeepgramTranscriptionAdapter(HttpUpstreamClient http, Redactor redactor) {
        this.http = http;
        this.redactor = redactor;
    }

    @Override
    public Future<AudioAnswer> transcribe(TranscriptionRequest request, ProviderConfig provider, String upstreamModel,
                                          String requestId, Propagation trace, Cancellation cancellation) {
        Optional<String> unsupported = request.task() == TranscriptionRequest.Task.TRANSLATION
                ? Optional.of("translations") : FORMATS.contains(request.responseFormat()) ? Optional.empty()
                : Optional.of("response_format '" + request.responseFormat() + "'");
        if (unsupported.isPresent()) {
            return Future.failedFuture(new UpstreamFailure(new GatewayError.InvalidRequest("The provider '"
                    + provider.name() + "' (Deepgram) has no " + unsupported.get() + "; use a transcription as json, "
                    + "text or verbose_json.", Optional.of("response_format"), Optional.empty())));
        }
        var headers = UpstreamHeaders.of(provider, requestId, false, trace, upstreamModel);
        provider.apiKey().ifPresent(key -> headers.set("authorization", "Token " + key.reveal()));
        var upload = request.file();
        var body = new FileBody(http.fileSystem(), upload.path(), upload.size(), upload.contentType());
        var exchange = new HttpUpstreamClient.Exchange(url(request, provider, upstreamModel), headers, Buffer.buffer(),
                false, provider.name(), provider.caBundle()).uploading(body);
        return http.send(exchange, provider.timeouts(), cancellation).compose(reply -> {
            var answer = (HttpUpstreamClient.Reply.Body) reply; // not a stream: always read whole
            if (answer.status() >= 400) {
                return AudioReplies.failure(answer, provider.name(), DeepgramTranscriptionAdapter::classify,
                        redactor);
            }
            Optional<JsonNode> json = Json.tryParse(answer.body().getBytes());
            if (json.isEmpty()) {
                return Future.failedFuture(new UpstreamFailure(new GatewayError.BadGateway("The upstream provider '"
                        + provider.name() + "' returned a body that is not JSON.", true)));
            }
            return Future.succeededFuture(answer(request, json.get()));
        });
    }

    private static String url(TranscriptionRequest request, ProviderConfig provider, String upstreamModel) {
        StringBuilder url = new StringBuilder(provider.baseUrl()).append("/v1/listen?model=")
                .append(encode(upstreamModel)).append("&smart_format=true");
        request.language().ifPresentOrElse(l -> url.append("&language=").append(encode(l)),
                () -> url.append("&detect_language=true"));
        if (request.responseFormat().equals("verbose_json")) {
            url.append("&utterances=true");
        }
        return url.toString();
    }

    private static AudioAnswer answer(TranscriptionRequest request, JsonNode json) {
        AudioMetering metering = AudioMetering.seconds(DeepgramAnswers.duration(json));
        if (request.stream()) {
            return new AudioAnswer.Whole("text/event-stream", Buffer.buffer(DeepgramAnswers.events(json)), metering);
        }
        return switch (request.responseFormat()) {
            case "text" -> new AudioAnswer.Whole("text/plain; charset=utf-8", Buffer.buffer(DeepgramAnswers.text(json)
                    + "\n"), metering);
            case "verbose_json" -> new AudioAnswer.Whole("application/json", Buffer.buffer(Json.bytes(
                    DeepgramAnswers.verbose(json, request.language()))), metering);
            default -> new AudioAnswer.Whole("application/json", Buffer.buffer(Json.bytes(DeepgramAnswers.json(json))),
                    metering);
        };
    }

    /** Deepgram's errors, {@code {"err_code", "err_msg"}}, by status as OpenAI's. */
    static GatewayError classify(int status, String body, Optional<java.time.Duration> retryAfter, String provider,
                                 Redactor redactor) {
        String message = Json.tryParse(body).map(n -> n.path("err_msg").asString("")).orElse("");
        var wrapped = Json.object();
        wrapped.putObject("error").put("message", message);
        return OpenAiErrors.classify(status, Json.write(wrapped), retryAfter, provider, redactor);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
