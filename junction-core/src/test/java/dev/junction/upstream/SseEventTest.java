package dev.junction.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SseEventTest {

    @Test
    void dataStartsWithLooksAtTheFirstDataLineAfterTheOptionalSpace() {
        assertThat(SseEvent.of("data: [DONE]\n\n").dataStartsWith("[DONE]")).isTrue();
        assertThat(SseEvent.of("data:[DONE]\n\n").dataStartsWith("[DONE]")).isTrue();
        assertThat(SseEvent.of("event: x\r\ndata: {\"error\":{}}\r\n\r\n").dataStartsWith("{\"error\"")).isTrue();
        assertThat(SseEvent.of("data: {\"id\":1}\n\n").dataStartsWith("[DONE]")).isFalse();
    }

    @Test
    void theEventNameIsReadFromTheBytesWithTheLastEventLineWinning() {
        assertThat(SseEvent.of("event: response.completed\r\ndata: {}\r\n\r\n").event())
                .isEqualTo("response.completed");
        assertThat(SseEvent.of("data: {}\nevent:late\n\n").event()).isEqualTo("late");
        assertThat(SseEvent.of("event: a\nevent: b\ndata: {}\n\n").event()).isEqualTo("b");
        assertThat(SseEvent.of("data: {\"event: x\"}\n\n").event()).isEmpty();
        SseEvent decoded = SseEvent.of("event: b\ndata: {}\n\n");
        assertThat(decoded.data()).isEqualTo("{}");
        assertThat(decoded.event()).isEqualTo("b");
    }

    @Test
    void commentOnlyEventHasNoData() {
        SseEvent comment = SseEvent.of(": keep-alive\n\n");

        assertThat(comment.hasData()).isFalse();
        assertThat(comment.data()).isEmpty();
    }

    @Test
    void mentionsObjectTellsAUsageObjectFromANullUsage() {
        assertThat(SseEvent.of("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1}}\n\n").mentionsObject("usage"))
                .isTrue();
        assertThat(SseEvent.of("data: {\"usage\" :  {\"prompt_tokens\":1}}\n\n").mentionsObject("usage")).isTrue();
        assertThat(SseEvent.of("data: {\"choices\":[],\"usage\":null}\n\n").mentionsObject("usage")).isFalse();
        assertThat(SseEvent.of("data: {\"choices\":[]}\n\n").mentionsObject("usage")).isFalse();
    }

    @Test
    void multiLineDataIsJoinedWithNewlines() {
        SseEvent event = SseEvent.of("event: message\ndata: a\ndata: b\n\n");

        assertThat(event.data()).isEqualTo("a\nb");
        assertThat(event.event()).isEqualTo("message");
    }

    @Test
    void extraBlankLinesBetweenEventsProduceNoEventWhateverTheChunking() {
        java.util.List<SseEvent> whole = new java.util.ArrayList<>();
        new SseParser(whole::add).feed(io.vertx.core.buffer.Buffer.buffer("data: a\n\n\n\n\ndata: b\n\n"));
        java.util.List<SseEvent> split = new java.util.ArrayList<>();
        SseParser parser = new SseParser(split::add);
        for (String piece : new String[] {"data: a\n", "\n\n", "\n", "\ndata: b\n\n"}) {
            parser.feed(io.vertx.core.buffer.Buffer.buffer(piece));
        }

        assertThat(whole).extracting(SseEvent::data).containsExactly("a", "b");
        assertThat(split).extracting(SseEvent::data).containsExactly("a", "b");
    }
}
