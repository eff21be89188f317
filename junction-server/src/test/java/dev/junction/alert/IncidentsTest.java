package dev.junction.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.alert.channel.AlertMessage.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One firing and one all-clear per incident; a cool-down holds back a refiring. */
class IncidentsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration COOL = Duration.ofMinutes(10);

    private final Incidents incidents = new Incidents();

    private static List<Finding> wrong(String... subjects) {
        return java.util.Arrays.stream(subjects).map(s -> new Finding(s, s + " is wrong", Map.of("n", "1"))).toList();
    }

    @Test
    void anIncidentFiresOnceAndResolvesOnce() {
        assertThat(incidents.update("r", COOL, wrong("openai"), T0)).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(State.FIRING));
        assertThat(incidents.update("r", COOL, wrong("openai"), T0.plusSeconds(1))).isEmpty();
        assertThat(incidents.open()).extracting(Incident::subject).containsExactly("openai");

        assertThat(incidents.update("r", COOL, wrong(), T0.plusSeconds(2))).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(State.RESOLVED);
            assertThat(c.incident().subject()).isEqualTo("openai");
        });
        assertThat(incidents.update("r", COOL, wrong(), T0.plusSeconds(3))).isEmpty();
        assertThat(incidents.open()).isEmpty();
    }

    @Test
    void aRefiringWithinTheCoolDownIsSuppressedAndAfterItFires() {
        incidents.update("r", COOL, wrong("openai"), T0);
        incidents.update("r", COOL, wrong(), T0.plusSeconds(30));

        assertThat(incidents.update("r", COOL, wrong("openai"), T0.plusSeconds(60))).isEmpty();
        assertThat(incidents.suppressed()).isEqualTo(1);
        assertThat(incidents.update("r", COOL, wrong(), T0.plusSeconds(90))).as("nothing to clear").isEmpty();

        assertThat(incidents.update("r", COOL, wrong("openai"), T0.plus(COOL))).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(State.FIRING));
    }

    @Test
    void rulesAndSubjectsAreSeparateIncidents() {
        assertThat(incidents.update("a", COOL, wrong("openai", "anthropic"), T0)).hasSize(2);
        assertThat(incidents.update("b", COOL, wrong("openai"), T0)).hasSize(1);
        assertThat(incidents.update("a", COOL, wrong("anthropic"), T0)).singleElement()
                .satisfies(c -> assertThat(c.incident().subject()).isEqualTo("openai"));
        assertThat(incidents.open()).extracting(i -> i.rule() + ":" + i.subject())
                .containsExactlyInAnyOrder("a:anthropic", "b:openai");
    }
}
