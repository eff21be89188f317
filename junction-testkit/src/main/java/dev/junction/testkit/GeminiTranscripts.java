package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gemini's audio understanding: a {@code :generateContent} request whose parts carry an audio {@code inlineData}
 * answered with {@link MockAudio#transcript} of the decoded file (its size and SHA-256, recorded in
 * {@link MockUpstream#receivedAudio()}; the bytes are not kept), as plain text, or, when the request has a
 * {@code generationConfig.responseSchema}, as JSON {@code {"language": "en", "segments": [{"start": 0, "end":
 * <duration>, "text"}]}} with {@link MockAudio#duration}. Its {@code usageMetadata} counts 32 audio tokens a second
 * (whole seconds, rounded up) in {@code promptTokensDetails} beside the text tokens, as Gemini does. Any completing
 * behaviour answers so; error statuses and timing apply as for chat.
 *
 * @param model the model asked for
 * @param audio the decoded file, digested
 * @param prompt the request's text parts, joined
 * @param timed whether a response schema asked for segments
 */
record GeminiTranscripts(String model, ReceivedAudio audio, String prompt, boolean timed) implements GoogleWholeAnswer {

    @Override
    public String whyWhole() {
        return "the mock answers transcriptions whole";
    }

    /** Audio tokens per second of audio, as Gemini counts them. */
    static final int AUDIO_TOKENS_PER_SECOND = 32;

    /** The first audio {@code inlineData} of a {@code generateContent} body, when it has one. */
    static Optional<JsonNode> audioPart(JsonNode json) {
        for (JsonNode part : json.path("contents").path(0).path("parts")) {
            JsonNode inline = part.has("inlineData") ? part.path("inlineData") : part.path("inline_data");
            String mime = inline.path("mimeType").asString(inline.path("mime_type").asString(""));
            if (mime.startsWith("audio/") && inline.path("data").isString()) {
                return Optional.of(inline);
            }
        }
        return Optional.empty();
    }

    /** The transcription {@code json} asks for: its audio decoded and digested, its text parts. */
    static GeminiTranscripts of(String path, String model, JsonNode json, JsonNode inline) {
        byte[] bytes = Base64.getDecoder().decode(inline.path("data").asString());
        String mime = inline.path("mimeType").asString(inline.path("mime_type").asString(""));
        ReceivedAudio audio = new ReceivedAudio(path, "", mime, bytes.length,
                HexFormat.of().formatHex(MockAudio.sha256(bytes)), Map.of("model", List.of(model)));
        StringBuilder prompt = new StringBuilder();
        for (JsonNode part : json.path("contents").path(0).path("parts")) {
            if (part.path("text").isString()) {
                prompt.append(part.path("text").asString()).append(' ');
            }
        }
        return new GeminiTranscripts(model, audio, prompt.toString().strip(),
                json.path("generationConfig").has("responseSchema"));
    }

    @Override
    public Buffer body(Answer ignored) {
        String transcript = MockAudio.transcript(audio.size(), audio.sha256());
        double duration = MockAudio.duration(audio.size());
        String text = transcript;
        if (timed) {
            ObjectNode timedText = JsonText.MAPPER.createObjectNode().put("language", "en");
            timedText.putArray("segments").addObject().put("start", 0.0).put("end", duration).put("text", transcript);
            text = timedText.toString();
        }
        long audioTokens = (long) Math.ceil(duration) * AUDIO_TOKENS_PER_SECOND;
        long textTokens = prompt.length() / 4 + 1;
        long output = text.length() / 4 + 1;
        ObjectNode body = JsonText.MAPPER.createObjectNode();
        ObjectNode candidate = body.putArray("candidates").addObject().put("index", 0).put("finishReason", "STOP");
        candidate.putObject("content").put("role", "model").putArray("parts").addObject().put("text", text);
        ObjectNode usage = body.putObject("usageMetadata").put("promptTokenCount", textTokens + audioTokens)
                .put("candidatesTokenCount", output).put("totalTokenCount", textTokens + audioTokens + output);
        usage.putArray("promptTokensDetails").add(JsonText.MAPPER.createObjectNode().put("modality", "TEXT")
                .put("tokenCount", textTokens)).add(JsonText.MAPPER.createObjectNode().put("modality", "AUDIO")
                .put("tokenCount", audioTokens));
        body.put("modelVersion", model);
        return JsonText.buffer(body);
    }

}
