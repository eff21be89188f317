package dev.junction.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}''")
    @CsvSource({
            "gpt-*, gpt-4o",
            "gpt-*, gpt-",
            "o1*, o1",
            "o1*, o1-mini",
            "*, ''",
            "*, anything/at all",
            "accounts/fireworks/models/*, accounts/fireworks/models/llama-v3p3-70b-instruct",
            "a*b*c, aXbYc",
            "a*b*c, abc",
            "*-latest, mistral-large-latest",
            "claude-*-4*, claude-sonnet-4-5",
            "exact, exact",
            "a**b, ab"
    })
    void globMatchesTheName(String pattern, String text) {
        assertThat(Glob.matches(pattern, text)).isTrue();
    }

    @ParameterizedTest(name = "''{0}'' does not match ''{1}''")
    @CsvSource({
            "gpt-*, chatgpt-4o",
            "gpt-*, gpt",
            "o1*, o3-mini",
            "a*b*c, acb",
            "exact, exactly",
            "exact, inexact",
            "*-latest, mistral-large",
            "gpt-?, gpt-4",
            "'', x"
    })
    void globDoesNotMatchTheName(String pattern, String text) {
        assertThat(Glob.matches(pattern, text)).isFalse();
    }
}
