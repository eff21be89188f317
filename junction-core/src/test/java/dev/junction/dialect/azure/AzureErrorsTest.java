package dev.junction.dialect.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import dev.junction.testing.TestFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AzureErrorsTest {

    private static String fixture(String name) {
        return new String(TestFixtures.bytes("/fixtures/azure/" + name), StandardCharsets.UTF_8);
    }

    private static GatewayError classify(int status, String body, Optional<Duration> retryAfter) {
        return AzureErrors.classify(status, body, retryAfter, "azure-eu", Redactor.patternsOnly());
    }

    @Test
    void aContentFilterBlockIsTheContentPolicyErrorNamingWhatWasFiltered() {
        GatewayError error = classify(400, fixture("error.400.content-filter.json"), Optional.empty());

        assertThat(error).isInstanceOf(GatewayError.ContentFiltered.class);
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.message()).contains("content management policy").endsWith("(filtered: violence (medium))");
    }

    @Test
    void aRateLimitWithoutHeadersWaitsAsItsMessageSays() {
        GatewayError error = classify(429, fixture("error.429.rate-limit.json"), Optional.empty());

        assertThat(error).isInstanceOfSatisfying(GatewayError.RateLimited.class,
                limited -> assertThat(limited.retryAfter()).contains(Duration.ofSeconds(6)));
    }

    @Test
    void aRateLimitsRetryAfterHeaderWinsOverItsMessage() {
        GatewayError error = classify(429, fixture("error.429.rate-limit.json"), Optional.of(Duration.ofMillis(1500)));

        assertThat(error).isInstanceOfSatisfying(GatewayError.RateLimited.class,
                limited -> assertThat(limited.retryAfter()).contains(Duration.ofMillis(1500)));
    }

    @Test
    void aMissingDeploymentIsARejectionTheRouteMayFallBackFrom() {
        GatewayError error = classify(404, "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API "
                + "deployment for this resource does not exist.\"}}", Optional.empty());

        assertThat(error).isInstanceOf(GatewayError.UpstreamRejected.class);
        assertThat(error.fallbackAllowed()).isTrue();
    }

    @Test
    void aRefusedKeyIsABadGatewayAboutTheGatewaysCredentials() {
        GatewayError error = classify(401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid "
                + "subscription key or wrong API endpoint.\"}}", Optional.empty());

        assertThat(error).isInstanceOfSatisfying(GatewayError.BadGateway.class,
                bad -> assertThat(bad.credentialsRefused()).isTrue());
        assertThat(error.message()).contains("azure-eu");
    }
}
