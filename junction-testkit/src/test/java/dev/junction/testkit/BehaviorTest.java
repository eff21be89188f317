package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BehaviorTest {

    @Test
    void modifiersCombineWithoutLosingEachOther() {
        Behavior behavior = Behavior.status(429)
                .withHeader("Retry-After", "1")
                .withLatency(Duration.ofMillis(5))
                .withBody("{}")
                .times(3);

        assertThat(behavior.reply()).isEqualTo(new Reply.Status(429, Optional.of("{}")));
        assertThat(behavior.headers()).containsEntry("Retry-After", "1");
        assertThat(behavior.latency()).isEqualTo(Duration.ofMillis(5));
        assertThat(behavior.times()).isEqualTo(3);
    }

    @Test
    void modifiersReturnCopiesAndLeaveTheOriginalUnchanged() {
        Behavior original = Behavior.ok();

        original.cutAfterEvents(2).withInterEventDelay(Duration.ofMillis(1));

        assertThat(original).isEqualTo(Behavior.ok());
        assertThat(original.cutAfterEvents()).isEmpty();
    }

    @Test
    void withBodyIsRejectedForBehavioursThatAreNotErrorStatuses() {
        assertThatThrownBy(() -> Behavior.ok().withBody("{}")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invalidValuesAreRejectedWhenTheBehaviourIsBuilt() {
        assertThatThrownBy(() -> Behavior.status(200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Behavior.ok().withLatency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Behavior.ok().times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Behavior.fixture("/no/such/file.sse", 200, "text/event-stream"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withThinkingKeepsTheOtherModifiersAndIsRejectedForRepliesThatDoNotComplete() {
        Behavior thinking = Behavior.toolCalls().times(2).withThinking("hmm");

        assertThat(thinking.thinking()).hasValue("hmm");
        assertThat(thinking.times()).isEqualTo(2);
        assertThat(thinking.cutAfterEvents(1).thinking()).hasValue("hmm");
        assertThatThrownBy(() -> Behavior.status(500).withThinking("hmm")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Behavior.hang().withThinking("hmm")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Behavior.ok().withThinking(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
