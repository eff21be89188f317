package dev.junction.dialect.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import dev.junction.testing.TestFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BedrockErrorsTest {

    private static GatewayError classify(int status, String type, String message) {
        return BedrockErrors.classify(status, Optional.ofNullable(type), "{\"message\":\"" + message + "\"}",
                Optional.of(Duration.ofSeconds(3)), "bedrock", Redactor.patternsOnly());
    }

    @Test
    void throttlingAndQuotaAreRateLimits() {
        assertThat(classify(429, "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/",
                "Too many requests")).isEqualTo(new GatewayError.RateLimited("Too many requests",
                Optional.of(Duration.ofSeconds(3))));
        assertThat(classify(400, "ServiceQuotaExceededException", "quota")).isInstanceOf(GatewayError.RateLimited.class);
        assertThat(classify(429, null, "")).isInstanceOf(GatewayError.RateLimited.class);
    }

    @Test
    void validationAboutLengthIsTheContextWindow() {
        assertThat(classify(400, "ValidationException", "Input is too long for requested model."))
                .isInstanceOf(GatewayError.ContextWindowExceeded.class);
        String body = new String(TestFixtures.bytes("/fixtures/bedrock/error.400.validation.json"),
                StandardCharsets.UTF_8);
        GatewayError other = BedrockErrors.classify(400, Optional.of("ValidationException"), body, Optional.empty(),
                "bedrock", Redactor.patternsOnly());
        assertThat(other).isInstanceOfSatisfying(GatewayError.UpstreamRejected.class, r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.message()).contains("roles must alternate");
        });
    }

    @Test
    void refusedCredentialsAreABadGatewayThatAlerts() {
        assertThat(classify(403, "AccessDeniedException", "no access")).isInstanceOfSatisfying(
                GatewayError.BadGateway.class, b -> assertThat(b.credentialsRefused()).isTrue());
        assertThat(classify(403, "InvalidSignatureException", "bad sig")).isInstanceOfSatisfying(
                GatewayError.BadGateway.class, b -> assertThat(b.credentialsRefused()).isTrue());
    }

    @Test
    void anUnreadyModelOrServiceIsUnavailable() {
        assertThat(classify(429, "ModelNotReadyException", "warming")).isInstanceOf(GatewayError.Unavailable.class);
        assertThat(classify(503, null, "down")).isInstanceOf(GatewayError.Unavailable.class);
        assertThat(classify(424, null, "model failed")).isInstanceOf(GatewayError.BadGateway.class);
    }

    @Test
    void streamExceptionsAreClassifiedByTheirType() {
        assertThat(BedrockErrors.ofStreamException("throttlingException", "slow down", "b", Redactor.patternsOnly()))
                .isInstanceOf(GatewayError.RateLimited.class);
        assertThat(BedrockErrors.ofStreamException("serviceUnavailableException", "x", "b", Redactor.patternsOnly()))
                .isInstanceOf(GatewayError.Unavailable.class);
        assertThat(BedrockErrors.ofStreamException("modelStreamErrorException", "x", "b", Redactor.patternsOnly()))
                .isInstanceOf(GatewayError.BadGateway.class);
    }
}
