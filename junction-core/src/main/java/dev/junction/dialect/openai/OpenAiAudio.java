package dev.junction.dialect.openai;

import dev.junction.audio.AudioMetering;
import dev.junction.audio.AudioUpload;
import dev.junction.audio.SpeechRequest;
import dev.junction.audio.TranscriptionRequest;
import dev.junction.json.Json;
import dev.junction.model.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's audio wire format: {@code /audio/speech} JSON bodies, the {@code /audio/transcriptions} and
 * {@code /audio/translations} form fields, and the usage their answers report. Validation throws
 * {@link GatewayException} (400) naming the field, with OpenAI's wording where it has one.
 */
public final class OpenAiAudio {

    /** The longest input OpenAI's speech API takes, in characters. */
    public static final int MAX_SPEECH_INPUT = 4096;

    private OpenAiAudio() {}

    /** A client's speech request body. */
    public static SpeechRequest speech(ObjectNode body) {
        String model = required(body, "model");
        String input = Json.requireString(body, "input", "input");
        if (input.isEmpty() || input.length() > MAX_SPEECH_INPUT) {
            throw GatewayException.invalid("input", "Invalid 'input': expected a string of 1 to " + MAX_SPEECH_INPUT
                    + " characters.");
        }
        String voice = required(body, "voice");
        String format = Json.optString(body, "response_format", "response_format").orElse("mp3");
        if (!SpeechRequest.FORMATS.contains(format)) {
            throw GatewayException.invalid("response_format", "Invalid 'response_format': expected one of "
                    + String.join(", ", SpeechRequest.FORMATS) + ".");
        }
        OptionalDouble speed = Json.optDouble(body, "speed", "speed");
        if (speed.isPresent() && (speed.getAsDouble() < 0.25 || speed.getAsDouble() > 4.0)) {
            throw GatewayException.invalid("speed", "Invalid 'speed': expected a number from 0.25 to 4.0.");
        }
        String streamFormat = Json.optString(body, "stream_format", "stream_format").orElse("audio");
        if (!streamFormat.equals("audio") && !streamFormat.equals("sse")) {
            throw GatewayException.invalid("stream_format", "Invalid 'stream_format': expected 'sse' or 'audio'.");
        }
        return new SpeechRequest(model, input, voice, format, speed,
                Json.optString(body, "instructions", "instructions"), streamFormat.equals("sse"), body);
    }

    /**
     * A client's transcription or translation form: {@code fields} as sent (the file apart), in order.
     *
     * @throws GatewayException for a missing model, an unknown format or a value of the wrong type
     */
    public static TranscriptionRequest transcription(TranscriptionRequest.Task task,
                                                     List<Map.Entry<String, String>> fields, AudioUpload file) {
        Optional<String> model = Optional.empty();
        List<Map.Entry<String, String>> rest = new ArrayList<>();
        for (Map.Entry<String, String> field : fields) {
            if (field.getKey().equals("model")) {
                model = Optional.of(field.getValue().strip()).filter(m -> !m.isEmpty());
            } else {
                rest.add(field);
            }
        }
        if (model.isEmpty()) {
            throw GatewayException.invalid("model", "Missing required parameter: 'model'.");
        }
        String format = value(fields, "response_format").orElse("json");
        if (!TranscriptionRequest.FORMATS.contains(format)) {
            throw GatewayException.invalid("response_format", "Invalid 'response_format': expected one of "
                    + String.join(", ", TranscriptionRequest.FORMATS) + ".");
        }
        boolean stream = bool(value(fields, "stream"), "stream");
        if (stream && task == TranscriptionRequest.Task.TRANSLATION) {
            throw GatewayException.invalid("stream", "Invalid 'stream': translations are not streamed.");
        }
        OptionalDouble temperature = value(fields, "temperature").map(t -> number(t, "temperature"))
                .map(OptionalDouble::of).orElse(OptionalDouble.empty());
        return new TranscriptionRequest(task, model.get(), file, rest, format, stream, value(fields, "language"),
                value(fields, "prompt"), temperature);
    }

    /**
     * What a transcription's JSON answer reports: {@code usage} of type {@code tokens} (gpt-4o-transcribe) or
     * {@code duration}, else verbose_json's {@code duration}.
     */
    public static AudioMetering metering(JsonNode answer) {
        JsonNode usage = answer.path("usage");
        if (usage.path("type").asString("").equals("tokens")) {
            return AudioMetering.tokens(usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0));
        }
        if (usage.path("seconds").isNumber()) {
            return AudioMetering.seconds(usage.path("seconds").asDouble());
        }
        if (answer.path("duration").isNumber()) {
            return AudioMetering.seconds(answer.path("duration").asDouble());
        }
        return AudioMetering.NONE;
    }

    private static String required(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw GatewayException.invalid(field, "Missing required parameter: '" + field + "'.");
        }
        return value.stringValue();
    }

    private static Optional<String> value(List<Map.Entry<String, String>> fields, String name) {
        return fields.stream().filter(f -> f.getKey().equals(name)).map(Map.Entry::getValue).findFirst();
    }

    private static boolean bool(Optional<String> value, String field) {
        if (value.isEmpty()) {
            return false;
        }
        return switch (value.get().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw GatewayException.invalid(field, "Invalid '" + field + "': expected true or false.");
        };
    }

    private static double number(String value, String field) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw GatewayException.invalid(field, "Invalid '" + field + "': expected a number.");
        }
    }
}
