package dev.junction.stage.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.GuardPolicy;
import dev.junction.guard.Finding;
import dev.junction.guard.PersonalData;
import dev.junction.guard.Redaction;
import dev.junction.model.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stream transform of output policies, fed canonical events one at a time as a stream would. */
class OutputGuardTest {

    private static GuardPolicy policy(Map<String, GuardPolicy.Action> actions) {
        return new GuardPolicy("answers", List.of(PersonalData.detector("US")), GuardPolicy.Direction.OUTPUT,
                actions, GuardPolicy.Action.FLAG, false, 0, GuardPolicy.Scope.EVERYWHERE);
    }

    private static List<StreamEvent> run(OutputGuard guard, String... deltas) {
        List<StreamEvent> out = new ArrayList<>();
        guard.onEvent(new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Text()), out::add);
        for (String d : deltas) {
            guard.onEvent(new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text(d)), out::add);
        }
        guard.onEvent(new StreamEvent.BlockStop(0, 0), out::add);
        guard.onEvent(new StreamEvent.MessageStop(), out::add);
        return out;
    }

    private static String text(List<StreamEvent> events) {
        StringBuilder sb = new StringBuilder();
        events.forEach(e -> {
            if (e instanceof StreamEvent.BlockDelta(int c, int i, StreamEvent.Delta.Text t)) {
                sb.append(t.text());
            }
        });
        return sb.toString();
    }

    @Test
    void anEmailSplitAcrossDeltasIsMaskedWhole() {
        GuardResults results = new GuardResults();
        OutputGuard guard = new OutputGuard(List.of(policy(Map.of("EMAIL", GuardPolicy.Action.REDACT))),
                Optional.empty(), results);

        assertThat(text(run(guard, "write to ja", "ne.doe@exam", "ple.com and", " wait"))).isEqualTo(
                "write to [EMAIL_1] and wait");
        assertThat(results.summary()).isEqualTo("answers/pii/EMAIL:redact@output");
    }

    @Test
    void textLongerThanTheWindowIsReleasedBeforeTheBlockEnds() {
        OutputGuard guard = new OutputGuard(List.of(policy(Map.of())), Optional.empty(), new GuardResults());
        List<StreamEvent> out = new ArrayList<>();
        String long1 = "a".repeat(OutputGuard.HOLD_BACK + 10);

        guard.onEvent(new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text(long1)), out::add);

        assertThat(text(out)).hasSize(10);
    }

    @Test
    void aBlockEndsTheStreamWithOneErrorAndNothingAfter() {
        OutputGuard guard = new OutputGuard(List.of(policy(Map.of("CREDIT_CARD", GuardPolicy.Action.BLOCK))),
                Optional.empty(), new GuardResults());

        List<StreamEvent> out = run(guard, "card 4111 ", "1111 1111 ", "1111 ok");

        assertThat(out.getLast()).isInstanceOfSatisfying(StreamEvent.StreamError.class, e -> assertThat(
                e.error().message()).contains("answers").contains("CREDIT_CARD").doesNotContain("4111"));
        assertThat(text(out)).doesNotContain("4111");
    }

    @Test
    void inputPlaceholdersSplitAcrossDeltasAreRestored() {
        Redaction input = new Redaction();
        input.mask("bob@example.com", List.of(new Finding("EMAIL", 0, 15, 1)));
        OutputGuard guard = new OutputGuard(List.of(), Optional.of(input), new GuardResults());

        assertThat(text(run(guard, "I wrote to [EMA", "IL_1] just now")))
                .isEqualTo("I wrote to bob@example.com just now");
    }
}
