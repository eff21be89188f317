package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deepgram's pre-recorded transcription; base URL {@link MockUpstream#rootUrl()}. {@code POST /v1/listen?model=…}:
 * {@code Authorization: Token <key>} (else 401 {@code {"err_code": "INVALID_AUTH"}}), the raw audio as the body, read
 * as it arrives through a digest ({@link MockUpstream#receivedAudio()}), empty → 400; answers
 * {@link MockAudio#transcript} as {@code results.channels[0].alternatives[0]} with words, {@code utterances} when
 * {@code utterances=true}, and {@code metadata.duration} ({@link MockAudio#duration}). Consumes a behaviour.
 */
final class DeepgramWire implements Wire {

    static boolean serves(String path) {
        return path.equals("/v1/listen");
    }

    private final MockState state;

    DeepgramWire(MockState state) {
        this.state = state;
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.DEEPGRAM;
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        throw new IllegalStateException("Deepgram bodies are read as they arrive: see serveUpload");
    }

    void serveUpload(HttpServerRequest request, Exchange exchange) {
        String auth = request.getHeader("authorization");
        AudioUploads.raw(request).onComplete(ar -> {
            if (auth == null || !auth.startsWith("Token ")) {
                send(exchange, 401, "{\"err_code\":\"INVALID_AUTH\",\"err_msg\":\"Invalid credentials.\"}");
                return;
            }
            if (ar.failed() || ar.result().size() == 0) {
                send(exchange, 400, "{\"err_code\":\"Bad Request\",\"err_msg\":\"Bad Request: failed to process "
                        + "audio: corrupt or unsupported data\"}");
                return;
            }
            ReceivedAudio audio = ar.result();
            state.received(audio);
            String model = audio.fields().getOrDefault("model", List.of("nova-3")).getFirst();
            MockWires.answer(state, exchange, model, () -> exchange.respond(200, Exchange.APPLICATION_JSON, Map.of(),
                    JsonText.buffer(answer(audio))));
        });
    }

    private static ObjectNode answer(ReceivedAudio audio) {
        String text = MockAudio.transcript(audio.size(), audio.sha256());
        double duration = MockAudio.duration(audio.size());
        ObjectNode body = JsonText.MAPPER.createObjectNode();
        body.putObject("metadata").put("request_id", "dg-mock").put("duration", duration).put("channels", 1);
        ObjectNode results = body.putObject("results");
        ObjectNode alternative = results.putArray("channels").addObject().put("detected_language", "en")
                .putArray("alternatives").addObject().put("transcript", text).put("confidence", 0.99);
        ArrayNode words = alternative.putArray("words");
        String[] split = text.split(" ");
        double step = duration / split.length;
        for (int i = 0; i < split.length; i++) {
            words.addObject().put("word", split[i].toLowerCase(java.util.Locale.ROOT)).put("start", i * step)
                    .put("end", (i + 1) * step).put("confidence", 0.99).put("punctuated_word", split[i]);
        }
        if (audio.fields().getOrDefault("utterances", List.of("false")).getFirst().equals("true")) {
            results.putArray("utterances").addObject().put("start", 0.0).put("end", duration)
                    .put("transcript", text).put("confidence", 0.99).put("channel", 0);
        }
        return body;
    }

    private static void send(Exchange exchange, int status, String body) {
        exchange.respond(status, Exchange.APPLICATION_JSON, Map.of(), Buffer.buffer(body));
    }
}
