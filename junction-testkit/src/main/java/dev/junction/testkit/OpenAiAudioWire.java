package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's audio API; base URL {@link MockUpstream#baseUrl()}.
 *
 * <ul>
 *   <li>{@code POST /v1/audio/speech}: {@code model}, {@code input} and {@code voice} required (else 400); answers
 *       {@link MockAudio#speech} in {@link MockAudio#CHUNKS} chunks written one by one, under the format's content
 *       type, or with {@code stream_format: sse} as {@code speech.audio.delta} events (base64) and a
 *       {@code speech.audio.done} with usage. Consumes a behaviour (its status and latency apply).
 *   <li>{@code POST /v1/audio/transcriptions} and {@code /translations}: a multipart form read as it arrives, its
 *       file digested ({@link MockUpstream#receivedAudio()}), {@code model} and {@code file} required; answers
 *       {@link MockAudio#transcript} as json (with a token usage), text, srt, vtt or verbose_json (with
 *       {@link MockAudio#duration}), or with {@code stream=true} as {@code transcript.text.delta} events (one a word)
 *       and a {@code transcript.text.done} with usage, to which the behaviour's stream timing and faults apply (a
 *       cut, or {@code event: error} with OpenAI's error body). Consumes a behaviour.
 * </ul>
 */
final class OpenAiAudioWire implements Wire {

    /** Whether a path is one of this wire's. */
    static boolean serves(String path) {
        return path.startsWith("/v1/audio/");
    }

    /** Whether a path's body is an upload the wire reads itself, as it arrives. */
    static boolean uploads(String path) {
        return path.equals("/v1/audio/transcriptions") || path.equals("/v1/audio/translations");
    }

    private final MockState state;

    OpenAiAudioWire(MockState state) {
        this.state = state;
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.OPENAI;
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        if (request.method() != HttpMethod.POST || !request.path().equals("/v1/audio/speech")) {
            error(exchange, OpenAiError.invalidUrl(request.method().name(), request.path()));
            return;
        }
        for (String field : List.of("model", "input", "voice")) {
            if (!json.path(field).isString() || json.path(field).stringValue().isBlank()) {
                error(exchange, new OpenAiError(400, "Missing required parameter: '" + field + "'.",
                        "invalid_request_error", Optional.of(field), Optional.of("missing_required_parameter")));
                return;
            }
        }
        String format = json.path("response_format").asString("mp3");
        byte[] audio = MockAudio.speech(json.path("input").stringValue(), format);
        boolean sse = json.path("stream_format").asString("audio").equals("sse");
        MockWires.answer(state, exchange, json.path("model").stringValue(), () -> {
            if (sse) {
                exchange.startChunked(200, Exchange.EVENT_STREAM, Map.of());
                for (int i = 0; i < MockAudio.CHUNKS; i++) {
                    String chunk = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(audio,
                            i * MockAudio.CHUNK, (i + 1) * MockAudio.CHUNK));
                    exchange.write(Buffer.buffer("data: {\"type\":\"speech.audio.delta\",\"audio\":\"" + chunk
                            + "\"}\n\n"));
                }
                int input = json.path("input").stringValue().length() / 4 + 1;
                exchange.write(Buffer.buffer("data: {\"type\":\"speech.audio.done\",\"usage\":{\"input_tokens\":"
                        + input + ",\"output_tokens\":" + MockAudio.CHUNKS * 100 + ",\"total_tokens\":"
                        + (input + MockAudio.CHUNKS * 100) + "}}\n\n"));
                exchange.end();
                return;
            }
            exchange.startChunked(200, MockAudio.speechContentType(format), Map.of());
            for (int i = 0; i < MockAudio.CHUNKS; i++) {
                exchange.write(Buffer.buffer(audio).slice(i * MockAudio.CHUNK, (i + 1) * MockAudio.CHUNK).copy());
            }
            exchange.end();
        });
    }

    /** Serves a transcription or translation once its form has arrived (or failed to). */
    void serveUpload(HttpServerRequest request, Exchange exchange) {
        AudioUploads.multipart(request).onComplete(ar -> {
            if (ar.failed()) {
                error(exchange, new OpenAiError(400, "Missing required parameter: 'file'.", "invalid_request_error",
                        Optional.of("file"), Optional.of("missing_required_parameter")));
                return;
            }
            ReceivedAudio audio = ar.result();
            state.received(audio);
            Optional<String> model = first(audio, "model");
            if (model.isEmpty()) {
                error(exchange, OpenAiError.missingModel());
                return;
            }
            MockWires.answer(state, exchange, model.get(), behavior -> transcribe(audio, exchange, behavior));
        });
    }

    private static void transcribe(ReceivedAudio audio, Exchange exchange, Behavior behavior) {
        String text = MockAudio.transcript(audio.size(), audio.sha256());
        double duration = MockAudio.duration(audio.size());
        boolean translation = audio.path().endsWith("/translations");
        if (first(audio, "stream").orElse("false").equals("true")) {
            List<Buffer> events = new java.util.ArrayList<>();
            for (String word : text.split(" ")) {
                events.add(Buffer.buffer("data: " + JsonText.MAPPER.createObjectNode()
                        .put("type", "transcript.text.delta").put("delta", word + " ") + "\n\n"));
            }
            ObjectNode done = JsonText.MAPPER.createObjectNode().put("type", "transcript.text.done").put("text", text);
            done.set("usage", tokens(audio.size(), text));
            events.add(Buffer.buffer("data: " + done + "\n\n"));
            new EventStreamWriter(exchange, events, behavior, position -> Buffer.buffer("event: error\ndata: "
                    + OpenAiError.MID_STREAM.toJson() + "\n\n")).start(200, Exchange.EVENT_STREAM);
            return;
        }
        String format = first(audio, "response_format").orElse("json");
        String end = timestamp(duration, format.equals("vtt") ? "." : ",");
        switch (format) {
            case "text" -> exchange.respond(200, "text/plain; charset=utf-8", Map.of(), Buffer.buffer(text + "\n"));
            case "srt" -> exchange.respond(200, "text/plain; charset=utf-8", Map.of(),
                    Buffer.buffer("1\n00:00:00,000 --> " + end + "\n" + text + "\n\n"));
            case "vtt" -> exchange.respond(200, "text/vtt; charset=utf-8", Map.of(),
                    Buffer.buffer("WEBVTT\n\n00:00:00.000 --> " + end + "\n" + text + "\n\n"));
            case "verbose_json" -> {
                ObjectNode body = JsonText.MAPPER.createObjectNode().put("task", translation ? "translate"
                        : "transcribe").put("language", "english").put("duration", duration).put("text", text);
                body.putArray("segments").addObject().put("id", 0).put("seek", 0).put("start", 0.0)
                        .put("end", duration).put("text", text).put("temperature", 0.0).put("avg_logprob", -0.2)
                        .put("compression_ratio", 1.2).put("no_speech_prob", 0.01).putArray("tokens").add(50364);
                body.putObject("usage").put("type", "duration").put("seconds", Math.ceil(duration));
                exchange.respond(200, Exchange.APPLICATION_JSON, Map.of(), JsonText.buffer(body));
            }
            default -> {
                ObjectNode body = JsonText.MAPPER.createObjectNode().put("text", text);
                body.set("usage", tokens(audio.size(), text));
                exchange.respond(200, Exchange.APPLICATION_JSON, Map.of(), JsonText.buffer(body));
            }
        }
    }

    /** A token usage as gpt-4o-transcribe reports it: audio tokens in, text tokens out. */
    private static ObjectNode tokens(long size, String text) {
        long input = Math.max(1, size / 1_000);
        long output = text.length() / 4 + 1;
        ObjectNode usage = JsonText.MAPPER.createObjectNode().put("type", "tokens").put("input_tokens", input)
                .put("output_tokens", output).put("total_tokens", input + output);
        usage.putObject("input_token_details").put("text_tokens", 0).put("audio_tokens", input);
        return usage;
    }

    private static String timestamp(double seconds, String separator) {
        long millis = Math.round(seconds * 1000);
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d%s%03d", millis / 3_600_000,
                millis / 60_000 % 60, millis / 1000 % 60, separator, millis % 1000);
    }

    private static Optional<String> first(ReceivedAudio audio, String field) {
        return Optional.ofNullable(audio.fields().get(field)).filter(v -> !v.isEmpty()).map(List::getFirst);
    }

    private static void error(Exchange exchange, OpenAiError error) {
        exchange.respond(error.status(), Exchange.APPLICATION_JSON, Map.of(), Buffer.buffer(error.toJson()));
    }
}
