package dev.junction.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.testing.TestFixtures;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonParserTest {

    private static List<String> parse(List<Buffer> chunks) {
        List<String> lines = new ArrayList<>();
        NdjsonParser parser = new NdjsonParser(e -> lines.add(e.data()));
        chunks.forEach(parser::feed);
        parser.end();
        return lines;
    }

    @Test
    void everyLineOfTheOllamaFixtureBecomesOneEventWhateverByteTheStreamIsSplitAt() {
        byte[] bytes = TestFixtures.bytes("/fixtures/ollama/response.chat.stream.ndjson");
        List<String> whole = parse(List.of(Buffer.buffer(bytes)));
        assertThat(whole).hasSize(4);
        assertThat(whole.getFirst()).startsWith("{\"model\":\"llama3.2\"").endsWith("\"done\":false}");

        for (int split = 1; split < bytes.length; split++) {
            Buffer all = Buffer.buffer(bytes);
            assertThat(parse(List.of(all.getBuffer(0, split), all.getBuffer(split, bytes.length))))
                    .as("split at byte %d", split).isEqualTo(whole);
        }
    }

    @Test
    void aStreamFedOneByteAtATimeYieldsTheSameLines() {
        byte[] bytes = TestFixtures.bytes("/fixtures/ollama/response.chat.stream.ndjson");
        List<Buffer> singles = new ArrayList<>();
        for (byte b : bytes) {
            singles.add(Buffer.buffer(new byte[] {b}));
        }

        assertThat(parse(singles)).isEqualTo(parse(List.of(Buffer.buffer(bytes))));
    }

    @Test
    void crlfLineEndsAndBlankLinesAreTolerated() {
        assertThat(parse(List.of(Buffer.buffer("{\"a\":1}\r\n\r\n\n{\"b\":2}\r\n")))).containsExactly("{\"a\":1}",
                "{\"b\":2}");
    }

    @Test
    void aFinalLineWithoutALineBreakIsFlushedAtTheEnd() {
        assertThat(parse(List.of(Buffer.buffer("{\"a\":1}\n{\"done\":true}")))).containsExactly("{\"a\":1}",
                "{\"done\":true}");
    }

    @Test
    void aLineLargerThanTheLimitFailsTheStream() {
        NdjsonParser parser = new NdjsonParser(e -> { });
        Buffer huge = Buffer.buffer(new byte[SseParser.MAX_EVENT_BYTES + 1]);

        assertThatThrownBy(() -> parser.feed(huge)).isInstanceOf(SseParser.EventTooLargeException.class);
    }
}
