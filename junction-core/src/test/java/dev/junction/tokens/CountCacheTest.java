package dev.junction.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class CountCacheTest {

    private final AtomicInteger encoded = new AtomicInteger();
    private final ToIntFunction<String> counter = text -> {
        encoded.incrementAndGet();
        return text.length() / 4;
    };

    @Test
    void aLongTextIsEncodedOnceAndItsCountRemembered() {
        CountCache cache = new CountCache(16, CountCache.MIN_LENGTH, Integer.MAX_VALUE);
        String prompt = "You are a careful assistant. ".repeat(40);

        assertThat(cache.count(prompt, counter)).isEqualTo(prompt.length() / 4);
        assertThat(cache.count(new String(prompt.toCharArray()), counter)).isEqualTo(prompt.length() / 4);

        assertThat(encoded).hasValue(1);
    }

    @Test
    void textsOutsideTheBandAreEncodedEveryTime() {
        CountCache cache = new CountCache(16, CountCache.MIN_LENGTH, Integer.MAX_VALUE);
        cache.count("hello", counter);
        cache.count("hello", counter);
        assertThat(encoded).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void textsOfTheSameLengthThatDifferAreCountedApart() {
        CountCache cache = new CountCache(16, CountCache.MIN_LENGTH, Integer.MAX_VALUE);
        String a = "a".repeat(CountCache.MIN_LENGTH);
        String b = "a".repeat(CountCache.MIN_LENGTH - 1) + "b";
        ToIntFunction<String> byLastChar = text -> text.charAt(text.length() - 1);

        assertThat(cache.count(a, byLastChar)).isEqualTo('a');
        assertThat(cache.count(b, byLastChar)).isEqualTo('b');
    }

    @Test
    void staysWithinItsCapacity() {
        CountCache cache = new CountCache(8, CountCache.MIN_LENGTH, Integer.MAX_VALUE);
        for (int i = 0; i < 100; i++) {
            cache.count(i + "x".repeat(CountCache.MIN_LENGTH), counter);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(8);
    }

    @Test
    void theEstimatorCountsARepeatedLongPromptTheSameEachTime() {
        String prompt = "Tokens are counted with the o200k encoding, once per long text. ".repeat(20);
        int first = TokenEstimator.count(prompt);
        assertThat(first).isPositive();
        assertThat(TokenEstimator.count(new String(prompt.toCharArray()))).isEqualTo(first);
    }

    @Test
    void aShortTextBandRemembersShortTextsAndLeavesLongOnesAlone() {
        CountCache shortTexts = new CountCache(16, 1, CountCache.MIN_LENGTH - 1);
        shortTexts.count("You are terse.", counter);
        shortTexts.count(new String("You are terse.".toCharArray()), counter);
        shortTexts.count("x".repeat(CountCache.MIN_LENGTH), counter);
        shortTexts.count("x".repeat(CountCache.MIN_LENGTH), counter);

        assertThat(encoded).hasValue(3);
        assertThat(shortTexts.size()).isEqualTo(1);
    }
}
