package dev.junction.endpoint.audio;

import dev.junction.audio.AudioAnswer;
import dev.junction.audio.AudioMetering;
import dev.junction.dialect.openai.OpenAiStreamErrors;
import dev.junction.endpoint.MediaWriter;
import dev.junction.model.Usage;
import dev.junction.observe.RequestRecord;
import dev.junction.pipeline.Reply;
import java.util.function.Consumer;

/** An {@link AudioAnswer} as the reply to write, its metering recorded when it is known. */
final class AudioAnswers {

    private AudioAnswers() {}

    /**
     * The reply for {@code answer}; {@code metered} gets what it consumed, at once for a whole body, at the end of a
     * relayed one (whole or failed). Relayed transcript events that fail midway end with OpenAI's error event.
     */
    static Reply reply(AudioAnswer answer, Consumer<AudioMetering> metered) {
        return switch (answer) {
            case AudioAnswer.Whole whole -> {
                metered.accept(whole.metering());
                yield MediaWriter.whole(whole.contentType(), whole.body());
            }
            case AudioAnswer.Streamed streamed when streamed.events() -> MediaWriter.events(streamed.contentType(),
                    streamed.body(), () -> metered.accept(streamed.metering().get()), OpenAiStreamErrors::event);
            case AudioAnswer.Streamed streamed -> MediaWriter.reply(streamed.contentType(), streamed.body(),
                    () -> metered.accept(streamed.metering().get()));
        };
    }

    /** Records the tokens a metering reports, or {@code estimatedInput} input tokens when it reports none. */
    static void recordTokens(RequestRecord record, AudioMetering metering, long estimatedInput) {
        long input = metering.inputTokens() > 0 ? metering.inputTokens() : estimatedInput;
        record.usage(new Usage(input, metering.outputTokens(), 0, 0, 0));
    }
}
