package dev.junction.dialect.gemini;

import dev.junction.audio.AudioMetering;
import dev.junction.audio.AudioUpload;
import dev.junction.audio.TranscriptionRequest;
import dev.junction.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI transcriptions and translations as Gemini audio understanding, both ways: the {@code generateContent} body
 * (an instruction and the audio as {@code inlineData}; for the timed formats, a response schema asking for
 * segments with their start and end in seconds) and the answer given in OpenAI's formats (json with a token usage,
 * text, verbose_json, srt, vtt, or the two transcript events). What the answer consumed comes from its
 * {@code usageMetadata}: the prompt's audio tokens ({@code promptTokensDetails} of modality {@code AUDIO}) apart from
 * its text tokens. Stateless.
 */
public final class GeminiTranscripts {

    /** The placeholder the audio's base64 takes in the body's JSON, where the file is streamed in. */
    static final String AUDIO_PLACEHOLDER = "junction-audio-placeholder";

    private static final Map<String, String> MIME_BY_EXTENSION = Map.ofEntries(Map.entry("mp3", "audio/mp3"),
            Map.entry("mpga", "audio/mp3"), Map.entry("mpeg", "audio/mp3"), Map.entry("wav", "audio/wav"),
            Map.entry("flac", "audio/flac"), Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"),
            Map.entry("opus", "audio/ogg"), Map.entry("aac", "audio/aac"), Map.entry("m4a", "audio/mp4"),
            Map.entry("mp4", "audio/mp4"), Map.entry("aiff", "audio/aiff"), Map.entry("aif", "audio/aiff"),
            Map.entry("webm", "audio/webm"));

    private GeminiTranscripts() {}

    /** Whether the answer is asked for with timings (verbose_json, srt, vtt), as segments in a JSON schema. */
    static boolean timed(TranscriptionRequest request) {
        return List.of("verbose_json", "srt", "vtt").contains(request.responseFormat()) && !request.stream();
    }

    /** The audio's MIME type for Gemini: the client's when it is an audio type, else guessed from the file name. */
    static String mimeType(AudioUpload file) {
        String given = file.contentType().toLowerCase(Locale.ROOT);
        if (given.startsWith("audio/")) {
            return given;
        }
        String name = file.filename().toLowerCase(Locale.ROOT);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return MIME_BY_EXTENSION.getOrDefault(extension, "audio/mp3");
    }

    /**
     * The {@code generateContent} body, its audio's {@code data} being {@link #AUDIO_PLACEHOLDER}: the instruction
     * (with the client's language and prompt), then the audio; a response schema for the timed formats.
     */
    static ObjectNode body(TranscriptionRequest request) {
        ObjectNode body = Json.object();
        ArrayNode parts = body.putArray("contents").addObject().put("role", "user").putArray("parts");
        parts.addObject().put("text", instruction(request));
        parts.addObject().putObject("inlineData").put("mimeType", mimeType(request.file()))
                .put("data", AUDIO_PLACEHOLDER);
        ObjectNode config = body.putObject("generationConfig");
        request.temperature().ifPresent(t -> config.put("temperature", t));
        if (timed(request)) {
            config.put("responseMimeType", "application/json");
            config.set("responseSchema", segmentSchema());
        }
        return body;
    }

    private static String instruction(TranscriptionRequest request) {
        StringBuilder text = new StringBuilder(request.task() == TranscriptionRequest.Task.TRANSLATION
                ? "Translate the speech in this audio into English."
                : "Transcribe the speech in this audio verbatim, in the language it is spoken in.");
        request.language().filter(l -> request.task() == TranscriptionRequest.Task.TRANSCRIPTION)
                .ifPresent(l -> text.append(" The audio is in the language with ISO-639-1 code '").append(l)
                        .append("'."));
        text.append(timed(request)
                ? " Answer with the speech as segments of a sentence or so, each with its start and end in seconds "
                        + "from the beginning of the audio, and the ISO-639-1 code of the spoken language."
                : " Answer with the text only, without any comment, heading or timestamps.");
        request.prompt().ifPresent(p -> text.append(" Context, names and spellings to follow: ").append(p));
        return text.toString();
    }

    private static ObjectNode segmentSchema() {
        ObjectNode segment = Json.object().put("type", "OBJECT");
        ObjectNode props = segment.putObject("properties");
        props.putObject("start").put("type", "NUMBER");
        props.putObject("end").put("type", "NUMBER");
        props.putObject("text").put("type", "STRING");
        segment.putArray("required").add("start").add("end").add("text");
        ObjectNode schema = Json.object().put("type", "OBJECT");
        ObjectNode top = schema.putObject("properties");
        top.putObject("language").put("type", "STRING");
        top.putObject("segments").put("type", "ARRAY").set("items", segment);
        schema.putArray("required").add("segments");
        return schema;
    }

    /** The text of the first candidate's parts, joined (thoughts left out). */
    static String text(JsonNode answer) {
        StringBuilder out = new StringBuilder();
        for (JsonNode part : answer.path("candidates").path(0).path("content").path("parts")) {
            if (part.path("text").isString() && !part.path("thought").asBoolean(false)) {
                out.append(part.path("text").asString());
            }
        }
        return out.toString().strip();
    }

    /** What the answer consumed: its prompt's text and audio tokens apart, its output tokens. */
    static AudioMetering metering(JsonNode answer) {
        JsonNode meta = answer.path("usageMetadata");
        long prompt = Json.count(meta, "promptTokenCount");
        long audio = 0;
        for (JsonNode detail : meta.path("promptTokensDetails")) {
            if (detail.path("modality").asString("").equals("AUDIO")) {
                audio += detail.path("tokenCount").asLong(0);
            }
        }
        long output = GeminiUsage.read(meta).outputTokens();
        return AudioMetering.tokens(Math.max(0, prompt - audio), output, Math.min(audio, prompt));
    }

    /** One timed piece of the transcript. */
    record Segment(double start, double end, String text) {}

    /** The segments of a timed answer (its text as JSON); one untimed segment when it is not that JSON. */
    static List<Segment> segments(String text) {
        List<Segment> segments = new ArrayList<>();
        Optional<JsonNode> json = Json.tryParse(text);
        for (JsonNode s : json.map(j -> j.path("segments")).orElse(Json.MAPPER.missingNode())) {
            String words = s.path("text").asString("").strip();
            if (!words.isEmpty()) {
                double start = Math.max(0, s.path("start").asDouble(0));
                segments.add(new Segment(start, Math.max(start, s.path("end").asDouble(start)), words));
            }
        }
        if (segments.isEmpty() && json.isEmpty() && !text.isBlank()) {
            segments.add(new Segment(0, 0, text.strip()));
        }
        return segments;
    }

    /** The spoken language a timed answer names, when it names one. */
    static Optional<String> language(String text) {
        return Json.tryParse(text).map(j -> j.path("language").asString("")).filter(l -> !l.isBlank());
    }

    /** OpenAI's {@code json} answer: the text and a token usage. */
    static ObjectNode json(String text, AudioMetering metering) {
        ObjectNode out = Json.object().put("text", text);
        out.set("usage", usage(metering));
        return out;
    }

    /** The usage in OpenAI's shape for token-billed transcriptions, audio tokens among the input. */
    static ObjectNode usage(AudioMetering m) {
        long input = m.inputTokens() + m.audioTokens();
        ObjectNode usage = Json.object().put("type", "tokens").put("input_tokens", input)
                .put("output_tokens", m.outputTokens()).put("total_tokens", input + m.outputTokens());
        usage.putObject("input_token_details").put("text_tokens", m.inputTokens()).put("audio_tokens",
                m.audioTokens());
        return usage;
    }

    /**
     * OpenAI's {@code verbose_json}: task, language, duration (the upload's measured duration, else the last segment's
     * end), text and segments.
     */
    static ObjectNode verbose(TranscriptionRequest request, List<Segment> segments, Optional<String> language,
                              AudioMetering metering) {
        ObjectNode out = Json.object().put("task", request.task() == TranscriptionRequest.Task.TRANSLATION
                        ? "translate" : "transcribe")
                .put("language", request.task() == TranscriptionRequest.Task.TRANSLATION ? "english"
                        : language.or(request::language).orElse("unknown").toLowerCase(Locale.ROOT))
                .put("duration", request.file().seconds().orElse(end(segments))).put("text", joined(segments));
        ArrayNode list = out.putArray("segments");
        int id = 0;
        for (Segment s : segments) {
            list.addObject().put("id", id++).put("seek", 0).put("start", s.start()).put("end", s.end())
                    .put("text", s.text()).put("temperature", 0.0).put("avg_logprob", 0.0)
                    .put("compression_ratio", 0.0).put("no_speech_prob", 0.0).putArray("tokens");
        }
        out.set("usage", usage(metering));
        return out;
    }

    /** SubRip cues of the segments. */
    static String srt(List<Segment> segments) {
        StringBuilder out = new StringBuilder();
        int n = 1;
        for (Segment s : segments) {
            out.append(n++).append('\n').append(timestamp(s.start(), ',')).append(" --> ")
                    .append(timestamp(s.end(), ',')).append('\n').append(s.text()).append("\n\n");
        }
        return out.toString();
    }

    /** WebVTT cues of the segments. */
    static String vtt(List<Segment> segments) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (Segment s : segments) {
            out.append(timestamp(s.start(), '.')).append(" --> ").append(timestamp(s.end(), '.')).append('\n')
                    .append(s.text()).append("\n\n");
        }
        return out.toString();
    }

    /** OpenAI's transcript events for a whole answer: the text as one delta, then done with the usage. */
    static String events(String text, AudioMetering metering) {
        ObjectNode done = Json.object().put("type", "transcript.text.done").put("text", text);
        done.set("usage", usage(metering));
        return "data: " + Json.write(Json.object().put("type", "transcript.text.delta").put("delta", text)) + "\n\n"
                + "data: " + Json.write(done) + "\n\n";
    }

    /** The segments' text, joined by spaces. */
    static String joined(List<Segment> segments) {
        return String.join(" ", segments.stream().map(Segment::text).toList());
    }

    private static double end(List<Segment> segments) {
        return segments.stream().mapToDouble(Segment::end).max().orElse(0);
    }

    private static String timestamp(double seconds, char separator) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, separator, millis % 1000);
    }
}
