package dev.junction.audio;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A validated transcription or translation request. Immutable.
 *
 * @param task what to do with the audio
 * @param model the public model the client asked for
 * @param file the uploaded audio
 * @param fields the form's other fields in the client's order, {@code model} and {@code file} excluded, for upstreams
 *     that speak OpenAI's format (a name may repeat: {@code timestamp_granularities[]}, {@code include[]})
 * @param responseFormat {@code json} (the default), {@code text}, {@code srt}, {@code vtt} or {@code verbose_json}
 * @param stream whether the client asked for transcript events ({@code stream=true})
 * @param language the audio's language (ISO-639-1), when the client said
 * @param prompt text to guide the model, when given
 * @param temperature the sampling temperature, when given
 */
public record TranscriptionRequest(Task task, String model, AudioUpload file, List<Map.Entry<String, String>> fields,
                                   String responseFormat, boolean stream, Optional<String> language,
                                   Optional<String> prompt, OptionalDouble temperature) {

    /** The answer formats of OpenAI's transcription API. */
    public static final List<String> FORMATS = List.of("json", "text", "srt", "vtt", "verbose_json");

    public TranscriptionRequest {
        fields = List.copyOf(fields);
    }

    /** What is asked of the audio. */
    public enum Task {
        /** Text in the audio's own language ({@code /audio/transcriptions}). */
        TRANSCRIPTION("transcriptions"),
        /** Text in English ({@code /audio/translations}). */
        TRANSLATION("translations");

        private final String path;

        Task(String path) {
            this.path = path;
        }

        /** The last segment of OpenAI's path for it. */
        public String path() {
            return path;
        }
    }
}
