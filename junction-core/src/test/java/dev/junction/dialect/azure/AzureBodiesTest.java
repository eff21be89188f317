package dev.junction.dialect.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.openai.OpenAiResponseMapper;
import dev.junction.dialect.openai.OpenAiStreamDecoder;
import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.FinishReason;
import dev.junction.model.StreamEvent;
import dev.junction.secret.Redactor;
import dev.junction.testing.TestFixtures;
import dev.junction.upstream.SseEvent;
import dev.junction.upstream.SseParser;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Azure's bodies carry filter results OpenAI's do not; the OpenAI decoders read them as OpenAI's. */
class AzureBodiesTest {

    private static List<StreamEvent> decode(String sse) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(Buffer.buffer(sse));
        parser.end();
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(Redactor.patternsOnly());
        List<StreamEvent> out = new ArrayList<>();
        events.forEach(e -> out.addAll(decoder.decode(e.data())));
        return out;
    }

    @Test
    void theStreamsPromptFilterChunkStartsNothingAndTheMessageTakesTheRealId() {
        List<StreamEvent> events = decode(new String(TestFixtures.bytes("/fixtures/azure/response.chat.stream.sse"),
                java.nio.charset.StandardCharsets.UTF_8));

        assertThat(events.getFirst()).isEqualTo(new StreamEvent.MessageStart("chatcmpl-CBqCOFjtLS6MnIjeak1IU4lz9eX6J",
                "gpt-4o-mini-2024-07-18", 1756938296L, dev.junction.model.Usage.ZERO));
        assertThat(events).filteredOn(StreamEvent.MessageStart.class::isInstance).hasSize(1);
        assertThat(events).contains(new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("Hi")),
                new StreamEvent.Finish(0, FinishReason.STOP));
        assertThat(events.getLast()).isEqualTo(new StreamEvent.MessageStop());
    }

    @Test
    void aFilteredCompletionStaysAFinishReasonInTheStream() {
        List<StreamEvent> events = decode("""
                data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[]}

                data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"content_filter_results":{},"delta":{"content":"Once"},"finish_reason":null,"index":0}]}

                data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"content_filter_results":{"violence":{"filtered":true,"severity":"high"}},"delta":{},"finish_reason":"content_filter","index":0}]}

                data: [DONE]

                """);

        assertThat(events).contains(new StreamEvent.Finish(0, FinishReason.CONTENT_FILTER));
        assertThat(events).noneMatch(StreamEvent.StreamError.class::isInstance);
    }

    @Test
    void aCompleteBodyWithFilterResultsReadsAsOpenAis() {
        ChatResponse response = OpenAiResponseMapper.toCanonical(Json.parseObject(
                TestFixtures.bytes("/fixtures/azure/response.chat.json")));

        assertThat(response.id()).isEqualTo("chatcmpl-CM9n9OhFOl4lSSFwarLEIMnPrNWSP");
        assertThat(response.choices()).hasSize(1);
        assertThat(response.choices().getFirst().finishReason()).contains(FinishReason.STOP);
        assertThat(response.usage().inputTokens()).isEqualTo(9);
    }
}
