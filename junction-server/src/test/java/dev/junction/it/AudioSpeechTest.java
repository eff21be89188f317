package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.audio.speech.SpeechCreateParams;
import dev.junction.testkit.MockAudio;
import dev.junction.testkit.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/audio/speech} through the official OpenAI SDK: OpenAI's and ElevenLabs' audio relayed intact. */
class AudioSpeechTest {

    @RegisterExtension
    static final GatewayExtension ENV = new GatewayExtension(upstream -> """
            providers:
              eleven: {dialect: elevenlabs, base_url: %s, api_key: el-upstream-key-0123456789}
            routes:
              voice:
                groups:
                  - deployments: [{provider: openai, model: gpt-4o-mini-tts, operations: [audio_speech]}]
              voice-eleven:
                groups:
                  - deployments: [{provider: eleven, model: eleven_multilingual_v2, operations: [audio_speech]}]
            """.formatted(upstream.rootUrl()));

    private static SpeechCreateParams.Builder speak(String model, String text) {
        return SpeechCreateParams.builder().model(model).input(text).voice("alloy");
    }

    private static byte[] read(HttpResponse response) throws IOException {
        try (response; InputStream body = response.body()) {
            return body.readAllBytes();
        }
    }

    @Test
    void speechAudioArrivesExactlyAsTheUpstreamSentIt() throws IOException {
        HttpResponse response = ENV.gateway().sdk().audio().speech().create(speak("voice", "Hello from the gateway.")
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().values("content-type")).containsExactly("audio/mpeg");
        assertThat(read(response)).isEqualTo(MockAudio.speech("Hello from the gateway.", "mp3"));
        JsonNode sent = ENV.upstream().lastRequest().map(RecordedRequest::json).orElseThrow();
        assertThat(sent.path("model").asString()).isEqualTo("gpt-4o-mini-tts");
        assertThat(sent.path("voice").asString()).isEqualTo("alloy");
    }

    @Test
    void eachResponseFormatKeepsTheUpstreamsContentType() throws IOException {
        for (var format : new SpeechCreateParams.ResponseFormat[] {SpeechCreateParams.ResponseFormat.WAV,
                SpeechCreateParams.ResponseFormat.OPUS, SpeechCreateParams.ResponseFormat.PCM}) {
            HttpResponse response = ENV.gateway().sdk().audio().speech().create(speak("voice", "Formats.")
                    .responseFormat(format).build());

            String name = format.asString();
            assertThat(response.headers().values("content-type")).containsExactly(MockAudio.speechContentType(name));
            assertThat(read(response)).isEqualTo(MockAudio.speech("Formats.", name));
        }
    }

    @Test
    void speechAsServerSentEventsIsRelayedAsEvents() {
        var response = ENV.gateway().post("/v1/audio/speech", """
                {"model": "voice", "input": "Events.", "voice": "alloy", "stream_format": "sse"}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(response.body()).contains("\"type\":\"speech.audio.delta\"").contains("speech.audio.done");
    }

    @Test
    void elevenLabsSpeaksThroughTheOpenAiSdk() throws IOException {
        HttpResponse response = ENV.gateway().sdk().audio().speech().create(SpeechCreateParams.builder()
                .model("voice-eleven").input("Bonjour.").voice("JBFqnCBsd6RMkjVDRZzb").speed(1.25).build());

        assertThat(read(response)).isEqualTo(MockAudio.speech("Bonjour.", "mp3"));
        RecordedRequest sent = ENV.upstream().lastRequest().orElseThrow();
        assertThat(sent.path()).isEqualTo("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/stream?output_format=mp3_44100_128");
        assertThat(sent.headers().get("xi-api-key")).containsExactly("el-upstream-key-0123456789");
        assertThat(sent.json().path("text").asString()).isEqualTo("Bonjour.");
        assertThat(sent.json().path("model_id").asString()).isEqualTo("eleven_multilingual_v2");
        assertThat(sent.json().path("voice_settings").path("speed").asDouble()).isEqualTo(1.25);
    }

    @Test
    void aFormatElevenLabsCannotProduceIsABadRequest() {
        assertThatThrownBy(() -> ENV.gateway().sdk().audio().speech().create(speak("voice-eleven", "x")
                .responseFormat(SpeechCreateParams.ResponseFormat.FLAC).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("flac");
        assertThat(ENV.upstream().requestCount()).isZero();
    }

    @Test
    void aMissingVoiceIsABadRequestNamingIt() {
        var response = ENV.gateway().post("/v1/audio/speech", "{\"model\": \"voice\", \"input\": \"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"param\":\"voice\"");
        assertThat(ENV.upstream().requestCount()).isZero();
    }
}
