package dev.junction.dialect.responses;

import static dev.junction.dialect.responses.ResponsesFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponsesStreamDecoderTest {

    private static List<StreamEvent> decodeAll(ResponsesStreamDecoder decoder, List<SseEvent> events) {
        List<StreamEvent> out = new ArrayList<>();
        events.forEach(e -> out.addAll(decoder.decode(e)));
        return out;
    }

    private static String joined(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        for (StreamEvent e : events) {
            if (e instanceof StreamEvent.BlockDelta d) {
                switch (d.delta()) {
                    case StreamEvent.Delta.Text t -> text.append(t.text());
                    case StreamEvent.Delta.Arguments a -> text.append(a.fragment());
                    case StreamEvent.Delta.Thinking t -> text.append(t.text());
                    default -> { }
                }
            }
        }
        return text.toString();
    }

    @Test
    void aTextStreamIsOneTextBlockFinishedWithUsageFromTheTerminalEvent() {
        ResponsesStreamDecoder decoder = new ResponsesStreamDecoder(Redactor.patternsOnly());

        List<StreamEvent> events = decodeAll(decoder, events("response.stream.sse"));

        assertThat(events.getFirst()).isEqualTo(new StreamEvent.MessageStart(
                "resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654", "gpt-4.1-2025-04-14", 1741290958L,
                Usage.ZERO));
        assertThat(events.get(1)).isEqualTo(new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Text()));
        assertThat(joined(events)).isEqualTo("Hi there! How can I assist you today?");
        assertThat(events.subList(events.size() - 4, events.size())).containsExactly(
                new StreamEvent.BlockStop(0, 0), new StreamEvent.Finish(0, FinishReason.STOP),
                new StreamEvent.UsageUpdate(new Usage(37, 11, 0, 0, 0)), new StreamEvent.MessageStop());
        assertThat(decoder.done()).isTrue();
    }

    @Test
    void aFunctionCallStreamIsAToolCallBlockNamedByItsCallId() {
        ResponsesStreamDecoder decoder = new ResponsesStreamDecoder(Redactor.patternsOnly());

        List<StreamEvent> events = decodeAll(decoder, events("response.tools.stream.sse"));

        assertThat(events.get(1)).isEqualTo(new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.ToolCall(
                "call_unLAR8MvFNptuiZK6K6HCy5k", "get_current_weather")));
        assertThat(joined(events)).isEqualTo("{\"location\":\"Paris, France\",\"unit\":\"celsius\"}");
        assertThat(events).contains(new StreamEvent.Finish(0, FinishReason.TOOL_CALLS),
                new StreamEvent.UsageUpdate(new Usage(291, 23, 0, 0, 0)));
        assertThat(decoder.done()).isTrue();
    }

    @Test
    void anErrorEventIsAStreamErrorClassifiedByItsCode() {
        ResponsesStreamDecoder decoder = new ResponsesStreamDecoder(Redactor.patternsOnly());

        List<StreamEvent> events = decodeAll(decoder, events("response.stream.error-event.sse"));

        assertThat(events).hasSize(2).last().isEqualTo(new StreamEvent.StreamError(new GatewayError.RateLimited(
                "Rate limit reached for o3 in organization org-gatewaytest on tokens per min (TPM). Please try again "
                        + "in 2.1s.", Optional.empty())));
        assertThat(decoder.done()).isFalse();
    }

    @Test
    void aFailedResponseIsAStreamErrorAndEndsTheStream() {
        ResponsesStreamDecoder decoder = new ResponsesStreamDecoder(Redactor.patternsOnly());

        List<StreamEvent> events = decodeAll(decoder, events("response.stream.failed.sse"));

        assertThat(events.getLast()).isEqualTo(new StreamEvent.StreamError(new GatewayError.BadGateway(
                "The model produced invalid content. Consider modifying your prompt if you are seeing this error "
                        + "persistently.", false)));
        assertThat(decoder.done()).isTrue();
    }

    @Test
    void aStreamCutBeforeItsTerminalEventIsNotDone() {
        ResponsesStreamDecoder decoder = new ResponsesStreamDecoder(Redactor.patternsOnly());
        List<SseEvent> all = events("response.stream.sse");

        List<StreamEvent> events = decodeAll(decoder, all.subList(0, all.size() - 1));

        assertThat(decoder.done()).isFalse();
        assertThat(events).noneMatch(e -> e instanceof StreamEvent.MessageStop);
    }

    @Test
    void aDataLineThatIsNotJsonIsABadGatewayAndNothingIsDecodedAfter() {
        ResponsesStreamDecoder decoder = new ResponsesStreamDecoder(Redactor.patternsOnly());

        List<StreamEvent> first = decoder.decode(SseEvent.of("event: response.created\ndata: {oops\n\n"));
        List<StreamEvent> after = decodeAll(decoder, events("response.stream.sse"));

        assertThat(first).singleElement().isInstanceOfSatisfying(StreamEvent.StreamError.class,
                e -> assertThat(e.error()).isInstanceOf(GatewayError.BadGateway.class));
        assertThat(after).isEmpty();
    }
}
