package dev.junction.dialect.openai;

import dev.junction.audio.AudioAnswer;
import dev.junction.audio.AudioMetering;
import dev.junction.audio.AudioReplies;
import dev.junction.audio.SpeechAdapter;
import dev.junction.audio.SpeechRequest;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamHeaders;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamResource;
import io.vertx.core.Future;
import tools.jackson.databind.node.ObjectNode;

/**
 * Speech at OpenAI and every OpenAI-compatible server ({@code POST <baseUrl>/audio/speech}): the client's body with
 * the upstream model, the audio relayed as it arrives with the upstream's content type. Stateless; thread safe.
 */
public final class OpenAiSpeechAdapter implements SpeechAdapter {

    private final OpenAiJsonEndpoint endpoint;

    public OpenAiSpeechAdapter(HttpUpstreamClient http, Redactor redactor) {
        this.endpoint = OpenAiJsonEndpoint.direct(http, redactor);
    }

    /** An adapter for a host with URLs, credentials or errors of its own (Azure). */
    public OpenAiSpeechAdapter(HttpUpstreamClient http, Redactor redactor, UpstreamEndpoint host,
                               JsonReplies.Classifier errors) {
        this.endpoint = new OpenAiJsonEndpoint(http, redactor, host, errors);
    }

    @Override
    public Future<AudioAnswer> speak(SpeechRequest request, ProviderConfig provider, String upstreamModel,
                                     String requestId, Propagation trace, Cancellation cancellation) {
        ObjectNode body = OpenAiJsonEndpoint.bodyFor(request.body(), upstreamModel);
        var headers = UpstreamHeaders.of(provider, requestId, false, trace, upstreamModel);
        headers.set("accept", request.sse() ? "text/event-stream" : "*/*");
        return endpoint.relay(provider, UpstreamResource.OpenAi.SPEECH, upstreamModel, headers, body, cancellation)
                .compose(reply -> switch (reply) {
                    case HttpUpstreamClient.Reply.Body error -> AudioReplies.failure(error, provider.name(),
                            endpoint.errors(), endpoint.redactor());
                    case HttpUpstreamClient.Bytes audio -> Future.succeededFuture(new AudioAnswer.Streamed(
                            AudioReplies.contentType(audio, request.sse() ? "text/event-stream"
                                    : AudioReplies.speechContentType(request.responseFormat())),
                            audio.body(), () -> AudioMetering.NONE));
                });
    }
}
