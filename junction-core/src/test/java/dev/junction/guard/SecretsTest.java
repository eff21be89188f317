package dev.junction.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    private final Detector secrets = Secrets.detector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z here|OPENAI_KEY",
            "OPENAI_API_KEY=sk-4f9Qx2LmZp7RtY8vWb3nKc6dHj1sGa5e|OPENAI_KEY",
            "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCd|ANTHROPIC_KEY",
            "aws AKIAIOSFODNN7EXAMPLE in the config|AWS_ACCESS_KEY",
            "token ghp_16C7e42F292c6912E7710c838347Ae178B4a used|GITHUB_TOKEN",
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF|GITHUB_TOKEN",
            "slack xoxb-2934820-23948230-AbCdEfGhIjKl|SLACK_TOKEN",
            "maps AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY|GOOGLE_API_KEY",
            "stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc|STRIPE_KEY",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U|JWT",
            "api_key: \"Zx8Qm2Lp9Rt4Vw7Yb3Nc6Hd1Jf5Gs0Ka\"|GENERIC_SECRET",
    })
    void findsEachFormat(String text, String type) {
        assertThat(secrets.scan(text)).extracting(Finding::entityType).containsExactly(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA (cut off)"})
    void findsPrivateKeysEvenCutOff(String text) {
        assertThat(secrets.scan(text)).extracting(Finding::entityType).containsExactly("PRIVATE_KEY");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "the task-runner and sk-learn are libraries",
            "password: correcthorsebatterystaple",
            "token: aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "AKIA is a prefix, AKIA1234 is too short",
            "-----BEGIN PUBLIC KEY----- is fine to share",
            "eyJ alone is not a token",
            "the secret to good bread is time",
    })
    void lookAlikesAreNotSecrets(String text) {
        assertThat(secrets.scan(text)).isEmpty();
    }
}
