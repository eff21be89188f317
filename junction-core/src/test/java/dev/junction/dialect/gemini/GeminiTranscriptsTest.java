package dev.junction.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.audio.AudioMetering;
import dev.junction.audio.AudioUpload;
import dev.junction.audio.TranscriptionRequest;
import dev.junction.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** OpenAI transcriptions as Gemini requests, and Gemini's answers in OpenAI's formats. */
class GeminiTranscriptsTest {

    private static TranscriptionRequest request(String format, String contentType, String filename) {
        return new TranscriptionRequest(TranscriptionRequest.Task.TRANSCRIPTION, "ears",
                new AudioUpload("/tmp/x", filename, contentType, 10), List.of(), format, false, Optional.of("de"),
                Optional.of("Junction, Vert.x"), OptionalDouble.of(0.2));
    }

    @Test
    void theAudioTokensOfTheUsageMetadataAreCountedApartFromItsTextTokens() {
        var answer = Json.tryParse("""
                {"candidates": [{"content": {"parts": [{"text": "Hallo"}]}, "finishReason": "STOP"}],
                 "usageMetadata": {"promptTokenCount": 652, "candidatesTokenCount": 9, "totalTokenCount": 661,
                   "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 44}, {"modality": "AUDIO", "tokenCount": 608}]}}
                """).orElseThrow();

        assertThat(GeminiTranscripts.metering(answer)).isEqualTo(AudioMetering.tokens(44, 9, 608));
        assertThat(GeminiTranscripts.text(answer)).isEqualTo("Hallo");
    }

    @Test
    void theBodyCarriesTheInstructionTheLanguageThePromptAndTheAudioPlaceholder() {
        var body = GeminiTranscripts.body(request("json", "application/octet-stream", "memo.m4a"));

        var parts = body.path("contents").path(0).path("parts");
        assertThat(parts.path(0).path("text").asString()).contains("Transcribe").contains("'de'")
                .contains("Junction, Vert.x");
        assertThat(parts.path(1).path("inlineData").path("mimeType").asString()).isEqualTo("audio/mp4");
        assertThat(parts.path(1).path("inlineData").path("data").asString())
                .isEqualTo(GeminiTranscripts.AUDIO_PLACEHOLDER);
        assertThat(body.path("generationConfig").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("generationConfig").has("responseSchema")).isFalse();
    }

    @Test
    void theTimedFormatsAskForSegmentsInAResponseSchema() {
        var body = GeminiTranscripts.body(request("srt", "audio/wav", "a.wav"));

        assertThat(body.path("generationConfig").path("responseMimeType").asString()).isEqualTo("application/json");
        assertThat(body.path("generationConfig").path("responseSchema").path("properties").path("segments")
                .path("items").path("required").toString()).contains("start", "end", "text");
        assertThat(body.path("contents").path(0).path("parts").path(1).path("inlineData").path("mimeType")
                .asString()).isEqualTo("audio/wav");
    }

    @Test
    void segmentsBecomeSubRipAndWebVttCues() {
        var segments = GeminiTranscripts.segments("""
                {"language": "de", "segments": [{"start": 0, "end": 1.5, "text": "Hallo"},
                 {"start": 1.5, "end": 62.25, "text": "Welt"}]}""");

        assertThat(GeminiTranscripts.srt(segments)).isEqualTo("1\n00:00:00,000 --> 00:00:01,500\nHallo\n\n"
                + "2\n00:00:01,500 --> 00:01:02,250\nWelt\n\n");
        assertThat(GeminiTranscripts.vtt(segments)).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHallo");
        assertThat(GeminiTranscripts.joined(segments)).isEqualTo("Hallo Welt");
    }

    @Test
    void anAnswerThatIsNotTheSegmentsJsonIsOneUntimedSegment() {
        assertThat(GeminiTranscripts.segments("Hallo Welt"))
                .containsExactly(new GeminiTranscripts.Segment(0, 0, "Hallo Welt"));
    }
}
