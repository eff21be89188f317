package dev.junction.dialect.openai;

import dev.junction.audio.AudioAnswer;
import dev.junction.audio.AudioMetering;
import dev.junction.audio.AudioReplies;
import dev.junction.audio.SpeechAdapter;
import dev.junction.audio.SpeechRequest;
import dev.junction.json.Json;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamHeaders;
import dev.junction.upstream.UpstreamTarget;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Speech at OpenAI and every OpenAI-compatible server ({@code POST <baseUrl>/audio/speech}): the client's body with
 * the upstream model, the audio relayed as it arrives with the upstream's content type. Stateless; thread safe.
 */
public final class OpenAiSpeechAdapter implements SpeechAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;
    private final UpstreamTarget target;
    private final JsonReplies.Classifier errors;

    public OpenAiSpeechAdapter(HttpUpstreamClient http, Redactor redactor) {
        this(http, redactor, UpstreamTarget.DIRECT, OpenAiErrors::classify);
    }

    /** An adapter for a host with URLs, credentials or errors of its own (Azure). */
    public OpenAiSpeechAdapter(HttpUpstreamClient http, Redactor redactor, UpstreamTarget target,
                               JsonReplies.Classifier errors) {
        this.http = http;
        this.redactor = redactor;
        this.target = target;
        this.errors = errors;
    }

    @Override
    public Future<AudioAnswer> speak(SpeechRequest request, ProviderConfig provider, String upstreamModel,
                                     String requestId, Propagation trace, Cancellation cancellation) {
        ObjectNode body = Json.shallowCopy(request.body());
        body.put("model", upstreamModel);
        provider.params().apply(body);
        var headers = UpstreamHeaders.of(provider, requestId, false, trace, upstreamModel);
        headers.set("accept", request.sse() ? "text/event-stream" : "*/*");
        Buffer bytes = Buffer.buffer(Json.bytes(body));
        return target.locate(provider, UpstreamTarget.Operation.SPEECH, upstreamModel, headers)
                .compose(url -> http.relay(new HttpUpstreamClient.Exchange(url, headers, bytes, false,
                        provider.name(), provider.caBundle()), provider.timeouts(), cancellation))
                .compose(reply -> switch (reply) {
                    case HttpUpstreamClient.Reply.Body error -> AudioReplies.failure(error, provider.name(), errors,
                            redactor);
                    case HttpUpstreamClient.Bytes audio -> Future.succeededFuture(new AudioAnswer.Streamed(
                            AudioReplies.contentType(audio, request.sse() ? "text/event-stream"
                                    : AudioReplies.speechContentType(request.responseFormat())),
                            audio.body(), () -> AudioMetering.NONE));
                });
    }
}
