package dev.junction.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.StreamEvent.Block;
import dev.junction.model.StreamEvent.BlockDelta;
import dev.junction.model.StreamEvent.BlockStart;
import dev.junction.model.StreamEvent.BlockStop;
import dev.junction.model.StreamEvent.Delta;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamEventsTest {

    private static final Usage USAGE = new Usage(12, 5, 0, 0, 0);

    private static ChatResponse response(List<ContentPart> content, Optional<FinishReason> finish) {
        return new ChatResponse("chatcmpl-1", "m", 1700000000L,
                List.of(new Choice(0, new Message(Role.ASSISTANT, content, Optional.empty()), finish, List.of())),
                USAGE, Extensions.none());
    }

    @Test
    void textResponseBecomesAStartOneTextBlockFinishUsageAndStop() {
        ChatResponse response = response(List.of(new ContentPart.Text("Hello there friend")),
                Optional.of(FinishReason.LENGTH));

        List<StreamEvent> events = StreamEvents.of(response, StreamEvents::words);

        assertThat(events).containsExactly(
                new StreamEvent.MessageStart("chatcmpl-1", "m", 1700000000L, Usage.ZERO),
                new BlockStart(0, 0, new Block.Text()),
                new BlockDelta(0, 0, new Delta.Text("Hello")),
                new BlockDelta(0, 0, new Delta.Text(" there")),
                new BlockDelta(0, 0, new Delta.Text(" friend")),
                new BlockStop(0, 0),
                new StreamEvent.Finish(0, FinishReason.LENGTH),
                new StreamEvent.UsageUpdate(USAGE),
                new StreamEvent.MessageStop());
    }

    @Test
    void toolCallsBecomeOneBlockEachWithTheirWholeArguments() {
        ChatResponse response = response(List.of(new ContentPart.ToolCall("call_1", "f", "{\"a\":1}"),
                new ContentPart.ToolCall("call_2", "g", "{}")), Optional.of(FinishReason.TOOL_CALLS));

        List<StreamEvent> events = StreamEvents.of(response, StreamEvents::words);

        assertThat(events.subList(1, 7)).containsExactly(
                new BlockStart(0, 0, new Block.ToolCall("call_1", "f")),
                new BlockDelta(0, 0, new Delta.Arguments("{\"a\":1}")),
                new BlockStop(0, 0),
                new BlockStart(0, 1, new Block.ToolCall("call_2", "g")),
                new BlockDelta(0, 1, new Delta.Arguments("{}")),
                new BlockStop(0, 1));
        assertThat(events.get(7)).isEqualTo(new StreamEvent.Finish(0, FinishReason.TOOL_CALLS));
    }

    @Test
    void thinkingBlockCarriesItsSignatureAfterTheText() {
        ChatResponse response = response(List.of(new ContentPart.Thinking("Let me think.", Optional.of("sig=="),
                false), new ContentPart.Text("Done")), Optional.of(FinishReason.STOP));

        List<StreamEvent> events = StreamEvents.of(response, text -> List.of(text));

        assertThat(events.subList(1, 8)).containsExactly(
                new BlockStart(0, 0, new Block.Thinking()),
                new BlockDelta(0, 0, new Delta.Thinking("Let me think.")),
                new BlockDelta(0, 0, new Delta.Signature("sig==")),
                new BlockStop(0, 0),
                new BlockStart(0, 1, new Block.Text()),
                new BlockDelta(0, 1, new Delta.Text("Done")),
                new BlockStop(0, 1));
    }

    @Test
    void refusalBecomesARefusalBlock() {
        ChatResponse response = response(List.of(new ContentPart.Refusal("No.")), Optional.of(FinishReason.STOP));

        List<StreamEvent> events = StreamEvents.of(response, StreamEvents::words);

        assertThat(events.subList(1, 4)).containsExactly(new BlockStart(0, 0, new Block.Refusal()),
                new BlockDelta(0, 0, new Delta.Refusal("No.")), new BlockStop(0, 0));
    }

    @Test
    void missingFinishReasonIsReportedAsStop() {
        ChatResponse response = response(List.of(new ContentPart.Text("Hi")), Optional.empty());

        assertThat(StreamEvents.of(response, StreamEvents::words))
                .contains(new StreamEvent.Finish(0, FinishReason.STOP));
    }

    @Test
    void everyChoiceGetsItsOwnBlocksAndFinish() {
        ChatResponse response = new ChatResponse("id", "m", 1, List.of(
                new Choice(0, Message.text(Role.ASSISTANT, "A"), Optional.of(FinishReason.STOP), List.of()),
                new Choice(1, Message.text(Role.ASSISTANT, "B"), Optional.of(FinishReason.LENGTH), List.of())),
                USAGE, Extensions.none());

        List<StreamEvent> events = StreamEvents.of(response, StreamEvents::words);

        assertThat(events).contains(new BlockDelta(1, 0, new Delta.Text("B")),
                new StreamEvent.Finish(0, FinishReason.STOP), new StreamEvent.Finish(1, FinishReason.LENGTH));
        assertThat(events).filteredOn(StreamEvent.MessageStart.class::isInstance).hasSize(1);
        assertThat(events).last().isEqualTo(new StreamEvent.MessageStop());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello! How can I assist you today?", " leading space", "trailing space ",
            "two  spaces", "   ", "one", "It's 18°C in Paris.\nAnd 24°C in Tokyo."})
    void wordsConcatenateBackToTheText(String text) {
        assertThat(String.join("", StreamEvents.words(text))).isEqualTo(text);
    }

    @Test
    void wordsKeepTheirLeadingSpace() {
        assertThat(StreamEvents.words("Hello there friend")).containsExactly("Hello", " there", " friend");
    }

    @Test
    void wordsOfEmptyTextAreNone() {
        assertThat(StreamEvents.words("")).isEmpty();
    }
}
