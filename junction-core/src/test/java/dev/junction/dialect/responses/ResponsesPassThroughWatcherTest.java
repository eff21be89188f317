package dev.junction.dialect.responses;

import static dev.junction.dialect.responses.ResponsesFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.secret.Secret;
import dev.junction.upstream.SseEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponsesPassThroughWatcherTest {

    private static ResponsesPassThroughWatcher watch(List<SseEvent> events) {
        ResponsesPassThroughWatcher watcher = new ResponsesPassThroughWatcher(Redactor.patternsOnly());
        events.forEach(watcher::observe);
        return watcher;
    }

    @Test
    void theUsageComesFromTheTerminalEventWhichCompletesTheStream() {
        ResponsesPassThroughWatcher watcher = watch(events("response.tools.stream.sse"));

        assertThat(watcher.usage()).isEqualTo(new Usage(291, 23, 0, 0, 0));
        assertThat(watcher.complete()).isTrue();
        assertThat(watcher.error()).isEmpty();
    }

    @Test
    void aStreamWithoutItsTerminalEventIsNotComplete() {
        List<SseEvent> all = events("response.stream.sse");

        ResponsesPassThroughWatcher watcher = watch(all.subList(0, all.size() - 1));

        assertThat(watcher.complete()).isFalse();
        assertThat(watcher.usage()).isEqualTo(Usage.ZERO);
    }

    @Test
    void anIncompleteResponseCompletesTheStreamToo() {
        ResponsesPassThroughWatcher watcher = watch(List.of(SseEvent.of("event: response.incomplete\ndata: "
                + "{\"type\":\"response.incomplete\",\"sequence_number\":5,\"response\":{\"status\":\"incomplete\","
                + "\"usage\":{\"input_tokens\":18,\"output_tokens\":16,\"total_tokens\":34}}}\n\n")));

        assertThat(watcher.complete()).isTrue();
        assertThat(watcher.usage()).isEqualTo(new Usage(18, 16, 0, 0, 0));
    }

    @Test
    void anErrorEventIsReportedRedacted() {
        Redactor redactor = Redactor.of(List.of(Secret.of("sk-proj-secret-key-0123456789")));
        ResponsesPassThroughWatcher watcher = new ResponsesPassThroughWatcher(redactor);

        watcher.observe(SseEvent.of("event: error\ndata: {\"type\":\"error\",\"sequence_number\":1,\"code\":"
                + "\"server_error\",\"message\":\"key sk-proj-secret-key-0123456789 failed\",\"param\":null}\n\n"));

        assertThat(watcher.error()).hasValueSatisfying(e -> assertThat(e.message())
                .doesNotContain("sk-proj-secret-key-0123456789"));
        assertThat(watcher.complete()).isFalse();
    }

    @Test
    void aFailedResponseIsReportedAsItsErrorAndEndsTheStream() {
        ResponsesPassThroughWatcher watcher = watch(events("response.stream.failed.sse"));

        assertThat(watcher.error()).hasValue(new GatewayError.BadGateway("The model produced invalid content. "
                + "Consider modifying your prompt if you are seeing this error persistently.", false));
        assertThat(watcher.complete()).isTrue();
    }

    @Test
    void deltasAreNotParsed() {
        ResponsesPassThroughWatcher watcher = watch(List.of(
                SseEvent.of("event: response.output_text.delta\ndata: {not json\n\n"),
                SseEvent.of("event: response.function_call_arguments.delta\ndata: "
                        + "{\"usage\":{\"input_tokens\":9}}\n\n")));

        assertThat(watcher.error()).isEqualTo(Optional.empty());
        assertThat(watcher.usage()).isEqualTo(Usage.ZERO);
    }
}
