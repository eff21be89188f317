package dev.junction.dialect.deepgram;

import dev.junction.json.Json;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deepgram's answer ({@code {"metadata": {"duration"}, "results": {"channels": [{"alternatives": [{"transcript",
 * "words"}], "detected_language"}], "utterances"}}}) in OpenAI's transcription formats: {@code json} ({@code text} and
 * a {@code duration} usage), {@code text}, {@code verbose_json} (utterances as segments, words with their times) and
 * the two transcript events of a stream. Stateless.
 */
final class DeepgramAnswers {

    private DeepgramAnswers() {}

    /** The transcript of the first channel's best alternative. */
    static String text(JsonNode answer) {
        return alternative(answer).path("transcript").asString("");
    }

    /** The audio's length in seconds, as Deepgram measured it. */
    static double duration(JsonNode answer) {
        return answer.path("metadata").path("duration").asDouble(0);
    }

    static ObjectNode json(JsonNode answer) {
        ObjectNode out = Json.object().put("text", text(answer));
        out.putObject("usage").put("type", "duration").put("seconds", Math.ceil(duration(answer)));
        return out;
    }

    static ObjectNode verbose(JsonNode answer, Optional<String> language) {
        ObjectNode out = Json.object().put("task", "transcribe")
                .put("language", language.or(() -> Optional.ofNullable(answer.path("results").path("channels")
                        .path(0).path("detected_language").asString(null))).orElse("en").toLowerCase(Locale.ROOT))
                .put("duration", duration(answer)).put("text", text(answer));
        ArrayNode segments = out.putArray("segments");
        int id = 0;
        for (JsonNode utterance : answer.path("results").path("utterances")) {
            segments.addObject().put("id", id++).put("seek", 0).put("start", utterance.path("start").asDouble())
                    .put("end", utterance.path("end").asDouble()).put("text", utterance.path("transcript").asString(""))
                    .put("temperature", 0.0).put("avg_logprob", 0.0).put("compression_ratio", 0.0)
                    .put("no_speech_prob", 0.0).putArray("tokens");
        }
        ArrayNode words = out.putArray("words");
        for (JsonNode word : alternative(answer).path("words")) {
            words.addObject().put("word", word.path("punctuated_word").asString(word.path("word").asString("")))
                    .put("start", word.path("start").asDouble()).put("end", word.path("end").asDouble());
        }
        return out;
    }

    /** OpenAI's transcript events for a whole answer: the text as one delta, then done. */
    static String events(JsonNode answer) {
        String text = text(answer);
        return "data: " + Json.write(Json.object().put("type", "transcript.text.delta").put("delta", text)) + "\n\n"
                + "data: " + Json.write(Json.object().put("type", "transcript.text.done").put("text", text)) + "\n\n";
    }

    private static JsonNode alternative(JsonNode answer) {
        return answer.path("results").path("channels").path(0).path("alternatives").path(0);
    }
}
