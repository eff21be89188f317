package dev.junction.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiPassThroughWatcherTest {

    @Test
    void theLastUsageOfTheStreamWinsAndTheFinishCompletesIt() {
        GeminiPassThroughWatcher watcher = watch("response.stream.sse");

        assertThat(watcher.usage()).isEqualTo(new Usage(17, 27, 0, 0, 0));
        assertThat(watcher.complete()).isTrue();
        assertThat(watcher.error()).isEmpty();
    }

    @Test
    void thoughtsInTheToolStreamCountAsOutput() {
        assertThat(watch("response.tools.stream.sse").usage()).isEqualTo(new Usage(83, 132, 0, 0, 104));
    }

    @Test
    void aStreamWithoutAFinishReasonIsNotComplete() {
        GeminiPassThroughWatcher watcher = new GeminiPassThroughWatcher(Redactor.patternsOnly());
        watcher.observe(events("response.stream.sse").getFirst());

        assertThat(watcher.complete()).isFalse();
        assertThat(watcher.usage().outputTokens()).isEqualTo(12);
    }

    @Test
    void anErrorChunkIsReportedRedacted() {
        GeminiPassThroughWatcher watcher = new GeminiPassThroughWatcher(Redactor.patternsOnly());

        watcher.observe(SseEvent.of("data: {\"error\": {\"code\": 429,\"message\": \"quota for "
                + "AIzaSyA1234567890abcdefghijklmnop\",\"status\": \"RESOURCE_EXHAUSTED\"}}\r\n\r\n"));

        assertThat(watcher.error()).containsInstanceOf(GatewayError.RateLimited.class);
        assertThat(watcher.error().orElseThrow().message()).doesNotContain("AIza");
    }

    @Test
    void aBlockedPromptCompletesTheStream() {
        GeminiPassThroughWatcher watcher = new GeminiPassThroughWatcher(Redactor.patternsOnly());

        watcher.observe(SseEvent.of("data: {\"promptFeedback\": {\"blockReason\": \"SAFETY\"},\"usageMetadata\": "
                + "{\"promptTokenCount\": 12,\"totalTokenCount\": 12}}\r\n\r\n"));

        assertThat(watcher.complete()).isTrue();
        assertThat(watcher.usage()).isEqualTo(new Usage(12, 0, 0, 0, 0));
    }

    private static GeminiPassThroughWatcher watch(String fixture) {
        GeminiPassThroughWatcher watcher = new GeminiPassThroughWatcher(Redactor.patternsOnly());
        events(fixture).forEach(watcher::observe);
        return watcher;
    }

    private static List<SseEvent> events(String fixture) {
        return GeminiFixtures.parseSse(GeminiFixtures.text(GeminiFixtures.GEMINI, fixture));
    }
}
