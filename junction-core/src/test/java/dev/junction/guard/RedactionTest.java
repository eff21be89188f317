package dev.junction.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    private final Detector pii = PersonalData.detector("US");

    @Test
    void masksEachValueWithANumberedPlaceholderOfItsType() {
        Redaction redaction = new Redaction();
        String text = "mail a@example.com or b@example.com, SSN 078-05-1120";

        assertThat(redaction.mask(text, pii.scan(text)))
                .isEqualTo("mail [EMAIL_1] or [EMAIL_2], SSN [US_SSN_1]");
    }

    @Test
    void theSameValueGetsTheSamePlaceholderAcrossTexts() {
        Redaction redaction = new Redaction();
        String first = "from a@example.com";
        String second = "reply to a@example.com";

        redaction.mask(first, pii.scan(first));

        assertThat(redaction.mask(second, pii.scan(second))).isEqualTo("reply to [EMAIL_1]");
    }

    @Test
    void restoresPlaceholdersInAnAnswer() {
        Redaction redaction = new Redaction();
        String text = "mail a@example.com";
        redaction.mask(text, pii.scan(text));

        assertThat(redaction.restore("I wrote to [EMAIL_1] as asked; [EMAIL_9] is not mine"))
                .isEqualTo("I wrote to a@example.com as asked; [EMAIL_9] is not mine");
        assertThat(redaction.longestPlaceholder()).isEqualTo("[EMAIL_1]".length());
    }

    @Test
    void aTextWithoutFindingsIsReturnedAsIs() {
        Redaction redaction = new Redaction();

        assertThat(redaction.mask("nothing", pii.scan("nothing"))).isEqualTo("nothing");
        assertThat(redaction.masked()).isFalse();
    }
}
