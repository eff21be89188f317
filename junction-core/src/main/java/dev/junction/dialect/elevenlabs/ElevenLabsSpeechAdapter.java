package dev.junction.dialect.elevenlabs;

import dev.junction.audio.AudioAnswer;
import dev.junction.audio.AudioMetering;
import dev.junction.audio.AudioReplies;
import dev.junction.audio.SpeechAdapter;
import dev.junction.audio.SpeechRequest;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamHeaders;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI speech requests at ElevenLabs: {@code POST <baseUrl>/v1/text-to-speech/{voice_id}/stream?output_format=…}
 * with {@code {"text", "model_id", "voice_settings": {"speed"}}}, the key in {@code xi-api-key}, the audio relayed as
 * it arrives. OpenAI's {@code voice} is the ElevenLabs voice id; {@code response_format} maps to an
 * {@code output_format} (mp3 → {@code mp3_44100_128}, opus → {@code opus_48000_128}, pcm → {@code pcm_24000}, the
 * 24 kHz 16-bit PCM OpenAI sends, wav → {@code wav_44100}); aac, flac and {@code stream_format: sse} have no
 * equivalent and are a 400. Stateless; thread safe.
 */
public final class ElevenLabsSpeechAdapter implements SpeechAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;

    public ElevenLabsSpeechAdapter(HttpUpstreamClient http, Redactor redactor) {
        this.http = http;
        this.redactor = redactor;
    }

    /** The ElevenLabs {@code output_format} of an OpenAI {@code response_format}, if it has one. */
    static Optional<String> outputFormat(String responseFormat) {
        return switch (responseFormat) {
            case "mp3" -> Optional.of("mp3_44100_128");
            case "opus" -> Optional.of("opus_48000_128");
            case "pcm" -> Optional.of("pcm_24000");
            case "wav" -> Optional.of("wav_44100");
            default -> Optional.empty();
        };
    }

    /** The upstream body for {@code request} and the ElevenLabs model. */
    static ObjectNode body(SpeechRequest request, String upstreamModel) {
        ObjectNode body = Json.object().put("text", request.input()).put("model_id", upstreamModel);
        request.speed().ifPresent(speed -> body.putObject("voice_settings").put("speed", speed));
        return body;
    }

    @Override
    public Future<AudioAnswer> speak(SpeechRequest request, ProviderConfig provider, String upstreamModel,
                                     String requestId, Propagation trace, Cancellation cancellation) {
        Optional<String> format = outputFormat(request.responseFormat());
        if (format.isEmpty() || request.sse()) {
            return Future.failedFuture(new UpstreamFailure(new GatewayError.InvalidRequest("The provider '"
                    + provider.name() + "' (ElevenLabs) cannot produce " + (request.sse() ? "stream_format 'sse'"
                    : "response_format '" + request.responseFormat() + "'") + "; use mp3, opus, wav or pcm audio.",
                    Optional.of(request.sse() ? "stream_format" : "response_format"), Optional.empty())));
        }
        ObjectNode body = body(request, upstreamModel);
        provider.params().apply(body);
        var headers = UpstreamHeaders.of(provider, requestId, false, trace, upstreamModel);
        headers.set("accept", "audio/*");
        String url = provider.baseUrl() + "/v1/text-to-speech/" + URLEncoder.encode(request.voice(),
                StandardCharsets.UTF_8).replace("+", "%20") + "/stream?output_format=" + format.get();
        return http.relay(new HttpUpstreamClient.Exchange(url, headers, Buffer.buffer(Json.bytes(body)), false,
                        provider.name(), provider.caBundle()), provider.timeouts(), cancellation)
                .compose(reply -> switch (reply) {
                    case HttpUpstreamClient.Reply.Body error -> AudioReplies.failure(error, provider.name(),
                            ElevenLabsErrors::classify, redactor);
                    case HttpUpstreamClient.Bytes audio -> Future.succeededFuture(new AudioAnswer.Streamed(
                            AudioReplies.contentType(audio, AudioReplies.speechContentType(request.responseFormat())),
                            audio.body(), () -> AudioMetering.NONE));
                });
    }
}
