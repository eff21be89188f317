package dev.junction.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Extensions;
import dev.junction.model.FinishReason;
import dev.junction.model.MediaSource;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.StreamEvent;
import dev.junction.model.StreamEvents;
import dev.junction.model.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerCodecTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static ChatResponse response(List<ContentPart> parts) {
        return new ChatResponse("resp_1", "gpt-4o", 1_700_000_000L, List.of(new Choice(0,
                new Message(Role.ASSISTANT, parts, Optional.empty()), Optional.of(FinishReason.TOOL_CALLS),
                List.of())), new Usage(12, 7, 2, 0, 3), Extensions.none());
    }

    private static final ChatResponse ANSWER = response(List.of(
            new ContentPart.Thinking("hmm", Optional.of("jn1.anthropic.sig"), false),
            new ContentPart.Text("Let me look."),
            new ContentPart.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")));

    @Test
    void anEntryRoundTripsThroughItsCompressedForm() {
        CachedAnswer answer = new CachedAnswer(ANSWER, 1234, NOW, NOW.plusSeconds(60), "general");

        byte[] stored = AnswerCodec.compress(AnswerCodec.encode(answer).orElseThrow());

        assertThat(AnswerCodec.decode(AnswerCodec.decompress(stored))).isEqualTo(answer);
    }

    @Test
    void anAnswerWithMediaIsNotKept() {
        ChatResponse withImage = response(List.of(new ContentPart.Image(new MediaSource.Url("https://x/y.png"),
                Optional.empty())));

        assertThat(AnswerCodec.encode(new CachedAnswer(withImage, 0, NOW, NOW, "r"))).isEmpty();
    }

    @Test
    void theAssemblerRebuildsTheAnswerItsEventsStreamed() {
        ResponseAssembler assembler = new ResponseAssembler();
        StreamEvents.of(ANSWER, StreamEvents::words).forEach(assembler::accept);

        assertThat(assembler.response()).hasValue(ANSWER);
    }

    @Test
    void aStreamWithoutItsEndOrWithAnErrorIsNoAnswer() {
        List<StreamEvent> events = StreamEvents.of(ANSWER, StreamEvents::words);
        ResponseAssembler cut = new ResponseAssembler();
        events.subList(0, events.size() - 1).forEach(cut::accept);
        ResponseAssembler failed = new ResponseAssembler();
        events.forEach(failed::accept);
        failed.accept(new StreamEvent.StreamError(new dev.junction.model.GatewayError.Internal("x")));

        assertThat(cut.response()).isEmpty();
        assertThat(failed.response()).isEmpty();
    }
}
