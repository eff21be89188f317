package dev.junction.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The false-positive rate of the built-in detectors on a corpus of ordinary prompts and sentences (numbers, dates,
 * versions, code, URLs, several languages): {@code docs/guardrails.md} reports the figure this test prints.
 */
class BenignCorpusTest {

    private static List<String> corpus() throws IOException {
        try (InputStream in = BenignCorpusTest.class.getResourceAsStream("/guard/benign.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static List<String> flagged(Detector detector) throws IOException {
        List<String> lines = corpus();
        List<String> hits = lines.stream().filter(l -> !detector.scan(l).isEmpty()).toList();
        System.out.printf("benign corpus: %s flagged %d of %d lines (%.1f%%): %s%n", detector.name(), hits.size(),
                lines.size(), 100.0 * hits.size() / lines.size(), hits);
        return hits;
    }

    @Test
    void theCorpusHasSeveralHundredLines() throws IOException {
        assertThat(corpus()).hasSizeGreaterThan(250);
    }

    @Test
    void personalDataFlagsAtMostOnePercentOfOrdinaryText() throws IOException {
        assertThat(flagged(PersonalData.detector("US")).size()).isLessThanOrEqualTo(corpus().size() / 100);
    }

    @Test
    void secretsFlagNothingInOrdinaryText() throws IOException {
        assertThat(flagged(Secrets.detector())).isEmpty();
    }

    @Test
    void injectionFlagsNothingInOrdinaryText() throws IOException {
        assertThat(flagged(new Injection())).isEmpty();
    }
}
