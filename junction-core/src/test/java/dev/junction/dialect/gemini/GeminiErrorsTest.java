package dev.junction.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class GeminiErrorsTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(new GatewayError.InvalidRequest("bad"), 400, "INVALID_ARGUMENT"),
                Arguments.of(new GatewayError.Unauthorized("who?"), 401, "UNAUTHENTICATED"),
                Arguments.of(new GatewayError.ModelNotFound("x", List.of("a")), 404, "NOT_FOUND"),
                Arguments.of(new GatewayError.NotFound("no"), 404, "NOT_FOUND"),
                Arguments.of(new GatewayError.MethodNotAllowed("no"), 405, "UNIMPLEMENTED"),
                Arguments.of(new GatewayError.PayloadTooLarge(10), 413, "INVALID_ARGUMENT"),
                Arguments.of(new GatewayError.RateLimited("slow", Optional.empty()), 429, "RESOURCE_EXHAUSTED"),
                Arguments.of(new GatewayError.UpstreamRejected(403, "no", Optional.empty(), Optional.empty(),
                        Optional.empty()), 403, "PERMISSION_DENIED"),
                Arguments.of(new GatewayError.UpstreamRejected(400, "no", Optional.empty(), Optional.empty(),
                        Optional.of("FAILED_PRECONDITION")), 400, "FAILED_PRECONDITION"),
                Arguments.of(new GatewayError.UpstreamRejected(529, "busy", Optional.empty(), Optional.empty(),
                        Optional.empty()), 503, "UNAVAILABLE"),
                Arguments.of(new GatewayError.BadGateway("broken", true), 502, "UNAVAILABLE"),
                Arguments.of(new GatewayError.Unavailable("busy", Optional.empty()), 503, "UNAVAILABLE"),
                Arguments.of(new GatewayError.Timeout("late"), 504, "DEADLINE_EXCEEDED"),
                Arguments.of(new GatewayError.Internal("oops"), 500, "INTERNAL"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("kinds")
    void everyKindRendersAsAGoogleStatusWithItsHttpCode(GatewayError error, int code, String status) {
        ObjectNode body = GeminiErrors.render(error);

        assertThat(body.at("/error/code").asInt()).isEqualTo(code);
        assertThat(body.at("/error/status").asString()).isEqualTo(status);
        assertThat(body.at("/error/message").asString()).isEqualTo(error.message());
        assertThat(GeminiErrors.status(error)).isEqualTo(code);
    }

    @Test
    void aKnownRetryDelayIsRenderedAsRetryInfo() {
        ObjectNode body = GeminiErrors.render(new GatewayError.RateLimited("slow", Optional.of(Duration.ofSeconds(43))));

        assertThat(body.at("/error/details/0/retryDelay").asString()).isEqualTo("43s");
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("error.400.api-key-invalid.json", 400, GatewayError.BadGateway.class),
                Arguments.of("error.400.invalid-argument.json", 400, GatewayError.UpstreamRejected.class),
                Arguments.of("error.404.model-not-found.json", 404, GatewayError.UpstreamRejected.class),
                Arguments.of("error.429.resource-exhausted.json", 429, GatewayError.RateLimited.class),
                Arguments.of("error.429.list-wrapped.json", 429, GatewayError.RateLimited.class),
                Arguments.of("error.500.internal.json", 500, GatewayError.BadGateway.class),
                Arguments.of("error.503.unavailable.json", 503, GatewayError.Unavailable.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyErrorFixtureIsClassifiedWithItsMessage(String fixture, int status, Class<?> kind) {
        String body = GeminiFixtures.text(GeminiFixtures.GEMINI, fixture);

        GatewayError error = GeminiErrors.classify(status, body, Optional.empty(), "gemini", Redactor.patternsOnly());

        assertThat(error).isInstanceOf(kind);
        assertThat(error.message()).isNotBlank().doesNotContain("answered HTTP");
    }

    @Test
    void anInvalidApiKeyIsTheGatewaysOwnFaultAndNotRetryable() {
        GatewayError error = classify("error.400.api-key-invalid.json", 400);

        assertThat(error.retryable()).isFalse();
        assertThat(error.fallbackAllowed()).isTrue();
        assertThat(error.message()).contains("rejected the gateway's credentials");
        assertThat(((GatewayError.BadGateway) error).credentialsRefused()).isTrue();
    }

    @Test
    void theRetryDelayIsReadFromRetryInfoWhenNoHeaderWasSent() {
        assertThat(classify("error.429.resource-exhausted.json", 429).retryAfter()).contains(Duration.ofSeconds(43));
        assertThat(classify("error.429.list-wrapped.json", 429).retryAfter()).contains(Duration.ofSeconds(43));
    }

    @Test
    void aRetryAfterHeaderWinsOverRetryInfo() {
        GatewayError error = GeminiErrors.classify(429, GeminiFixtures.text(GeminiFixtures.GEMINI,
                "error.429.resource-exhausted.json"), Optional.of(Duration.ofSeconds(2)), "gemini",
                Redactor.patternsOnly());

        assertThat(error.retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void aRejectionKeepsTheGoogleStatusAndTheViolatedField() {
        GatewayError.UpstreamRejected error = (GatewayError.UpstreamRejected) classify(
                "error.400.invalid-argument.json", 400);

        assertThat(error.code()).contains("INVALID_ARGUMENT");
        assertThat(error.param()).contains("generation_config");
        assertThat(error.message()).contains("Unknown name \"max_tokens\"");
    }

    @Test
    void aModelNotFoundMayFallBackToAnotherDeployment() {
        assertThat(classify("error.404.model-not-found.json", 404).fallbackAllowed()).isTrue();
    }

    @Test
    void keysQuotedByTheUpstreamAreRedacted() {
        GatewayError error = GeminiErrors.classify(400, "{\"error\":{\"code\":400,\"message\":\"bad key "
                + "AIzaSyA1234567890abcdefghijklmnop\",\"status\":\"INVALID_ARGUMENT\"}}", Optional.empty(), "gemini",
                Redactor.patternsOnly());

        assertThat(error.message()).doesNotContain("AIza");
    }

    @Test
    void aBodyThatIsNotJsonStillGivesAStatusBasedError() {
        GatewayError error = GeminiErrors.classify(502, "<html>bad gateway</html>", Optional.empty(), "gemini",
                Redactor.patternsOnly());

        assertThat(error).isInstanceOf(GatewayError.BadGateway.class);
        assertThat(error.retryable()).isTrue();
    }

    private static GatewayError classify(String fixture, int status) {
        return GeminiErrors.classify(status, GeminiFixtures.text(GeminiFixtures.GEMINI, fixture), Optional.empty(),
                "gemini", Redactor.patternsOnly());
    }
}
