package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * ElevenLabs' text-to-speech; base URL {@link MockUpstream#rootUrl()}. {@code POST
 * /v1/text-to-speech/{voice_id}[/stream]?output_format=…}: the key in {@code xi-api-key} (else 401
 * {@code {"detail": {"status": "invalid_api_key"}}}), {@code text} and {@code model_id} required (else 422 FastAPI
 * style); answers {@link MockAudio#speech} of the text in the output format's codec ({@code mp3_…} →
 * {@code audio/mpeg}, {@code pcm_…} → {@code audio/pcm}, {@code opus_…} → {@code audio/opus}, {@code wav_…} →
 * {@code audio/wav}), in chunks. Consumes a behaviour.
 */
final class ElevenLabsWire implements Wire {

    private static final Pattern PATH = Pattern.compile("/v1/text-to-speech/([^/]+)(/stream)?");

    static boolean serves(String path) {
        return path.startsWith("/v1/text-to-speech/");
    }

    private final MockState state;

    ElevenLabsWire(MockState state) {
        this.state = state;
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.ELEVENLABS;
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        Matcher path = PATH.matcher(request.path());
        if (!path.matches()) {
            send(exchange, 404, "{\"detail\":\"Not Found\"}");
            return;
        }
        if (request.getHeader("xi-api-key") == null) {
            send(exchange, 401, "{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}");
            return;
        }
        if (!json.path("text").isString() || !json.path("model_id").isString()) {
            send(exchange, 422, "{\"detail\":[{\"loc\":[\"body\",\"text\"],\"msg\":\"field required\"}]}");
            return;
        }
        String outputFormat = request.getParam("output_format", "mp3_44100_128");
        String codec = outputFormat.substring(0, outputFormat.indexOf('_') < 0 ? outputFormat.length()
                : outputFormat.indexOf('_'));
        byte[] audio = MockAudio.speech(json.path("text").stringValue(), codec);
        MockWires.answer(state, exchange, json.path("model_id").stringValue(), () -> {
            exchange.startChunked(200, MockAudio.speechContentType(codec), Map.of());
            for (int i = 0; i < MockAudio.CHUNKS; i++) {
                exchange.write(Buffer.buffer(audio).slice(i * MockAudio.CHUNK, (i + 1) * MockAudio.CHUNK).copy());
            }
            exchange.end();
        });
    }

    private static void send(Exchange exchange, int status, String body) {
        exchange.respond(status, Exchange.APPLICATION_JSON, Map.of(), Buffer.buffer(body));
    }
}
