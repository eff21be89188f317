package dev.junction.dialect.anthropic;

import static dev.junction.dialect.anthropic.AnthropicFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
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

/** Rendering gateway errors for Anthropic clients, and classifying Anthropic's error replies. */
class AnthropicErrorsTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(new GatewayError.InvalidRequest("bad"), "invalid_request_error", 400),
                Arguments.of(new GatewayError.Unauthorized("who"), "authentication_error", 401),
                Arguments.of(new GatewayError.ModelNotFound("x", List.of("y")), "not_found_error", 404),
                Arguments.of(new GatewayError.NotFound("no"), "not_found_error", 404),
                Arguments.of(new GatewayError.MethodNotAllowed("no"), "invalid_request_error", 405),
                Arguments.of(new GatewayError.PayloadTooLarge(10), "request_too_large", 413),
                Arguments.of(new GatewayError.RateLimited("slow", Optional.empty()), "rate_limit_error", 429),
                Arguments.of(new GatewayError.UpstreamRejected(400, "m", Optional.of("invalid_request_error"),
                        Optional.empty(), Optional.empty()), "invalid_request_error", 400),
                Arguments.of(new GatewayError.UpstreamRejected(402, "m", Optional.of("INVALID_ARGUMENT"),
                        Optional.empty(), Optional.empty()), "billing_error", 402),
                Arguments.of(new GatewayError.UpstreamRejected(403, "m", Optional.empty(), Optional.empty(),
                        Optional.empty()), "permission_error", 403),
                Arguments.of(new GatewayError.BadGateway("up", true), "api_error", 502),
                Arguments.of(new GatewayError.Unavailable("busy", Optional.empty()), "overloaded_error", 529),
                Arguments.of(new GatewayError.Timeout("slow"), "timeout_error", 504),
                Arguments.of(new GatewayError.Internal("oops"), "api_error", 500));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("kinds")
    void eachErrorKindRendersAsAnthropicsEnvelopeWithItsStatus(GatewayError error, String type, int status) {
        ObjectNode body = AnthropicErrors.render(error);

        assertThat(body.get("type").stringValue()).isEqualTo("error");
        assertThat(body.get("error").get("type").stringValue()).isEqualTo(type);
        assertThat(body.get("error").get("message").stringValue()).isEqualTo(error.message());
        assertThat(AnthropicErrors.status(error)).isEqualTo(status);
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("error.400.invalid-request.json", 400, GatewayError.UpstreamRejected.class),
                Arguments.of("error.400.prompt-too-long.json", 400, GatewayError.ContextWindowExceeded.class),
                Arguments.of("error.401.authentication.json", 401, GatewayError.BadGateway.class),
                Arguments.of("error.403.permission.json", 403, GatewayError.BadGateway.class),
                Arguments.of("error.404.not-found.json", 404, GatewayError.UpstreamRejected.class),
                Arguments.of("error.413.request-too-large.json", 413, GatewayError.UpstreamRejected.class),
                Arguments.of("error.429.rate-limit.json", 429, GatewayError.RateLimited.class),
                Arguments.of("error.500.api-error.json", 500, GatewayError.BadGateway.class),
                Arguments.of("error.529.overloaded.json", 529, GatewayError.Unavailable.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachErrorFixtureIsClassifiedByItsStatus(String name, int status, Class<? extends GatewayError> kind) {
        GatewayError error = AnthropicErrors.classify(status, Json.write(json(name)), Optional.empty(), "anthropic",
                Redactor.patternsOnly());

        assertThat(error).isInstanceOf(kind);
        assertThat(error.message()).contains(json(name).get("error").get("message").stringValue());
    }

    @Test
    void aRejectionRelaysTypeStatusAndTheFieldNamedFirst() {
        GatewayError error = AnthropicErrors.classify(400, Json.write(json("error.400.invalid-request.json")),
                Optional.empty(), "anthropic", Redactor.patternsOnly());

        assertThat(error).isEqualTo(new GatewayError.UpstreamRejected(400, "max_tokens: Field required",
                Optional.of("invalid_request_error"), Optional.of("max_tokens"), Optional.empty()));
        assertThat(AnthropicErrors.render(error).get("error").get("type").stringValue())
                .isEqualTo("invalid_request_error");
    }

    @Test
    void theGatewaysRejectedCredentialsAreNotRetryable() {
        GatewayError error = AnthropicErrors.classify(401, Json.write(json("error.401.authentication.json")),
                Optional.empty(), "anthropic", Redactor.patternsOnly());

        assertThat(error.retryable()).isFalse();
        assertThat(error.fallbackAllowed()).isTrue();
        assertThat(((GatewayError.BadGateway) error).credentialsRefused()).isTrue();
        GatewayError billing = AnthropicErrors.classify(402, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"billing_error\",\"message\":\"pay\"}}", Optional.empty(), "anthropic", Redactor.patternsOnly());
        assertThat(((GatewayError.BadGateway) billing).credentialsRefused()).isTrue();
        GatewayError serverError = AnthropicErrors.classify(500, Json.write(json("error.500.api-error.json")),
                Optional.empty(), "anthropic", Redactor.patternsOnly());
        assertThat(((GatewayError.BadGateway) serverError).credentialsRefused()).as("a 500 says nothing of the key")
                .isFalse();
    }

    @Test
    void aRateLimitKeepsItsRetryAfter() {
        GatewayError error = AnthropicErrors.classify(429, Json.write(json("error.429.rate-limit.json")),
                Optional.of(Duration.ofSeconds(7)), "anthropic", Redactor.patternsOnly());

        assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void aSpendLimitIsNotARetryableRateLimit() {
        String body = """
                {"type":"error","error":{"type":"rate_limit_error","message":"limit",
                 "details":{"error_code":"enforced_spend_limit_reached"}}}""";

        GatewayError error = AnthropicErrors.classify(429, body, Optional.empty(), "anthropic",
                Redactor.patternsOnly());

        assertThat(error).isInstanceOf(GatewayError.BadGateway.class);
        assertThat(error.retryable()).isFalse();
    }

    @Test
    void billingAndTimeoutsAndOtherServerErrorsAreClassified() {
        Redactor r = Redactor.patternsOnly();
        assertThat(AnthropicErrors.classify(402, "{}", Optional.empty(), "a", r).retryable()).isFalse();
        assertThat(AnthropicErrors.classify(504, "{}", Optional.empty(), "a", r))
                .isInstanceOf(GatewayError.Timeout.class);
        assertThat(AnthropicErrors.classify(503, "oops", Optional.empty(), "a", r))
                .isInstanceOf(GatewayError.Unavailable.class);
        assertThat(AnthropicErrors.classify(502, "<html>", Optional.empty(), "a", r).retryable()).isTrue();
    }

    @Test
    void keysQuotedBackByTheUpstreamAreRedacted() {
        String body = """
                {"type":"error","error":{"type":"invalid_request_error","message":"bad key sk-ant-abcdefghijkl123"}}""";

        GatewayError error = AnthropicErrors.classify(400, body, Optional.empty(), "a", Redactor.patternsOnly());

        assertThat(error.message()).doesNotContain("sk-ant-abcdefghijkl123").contains("[redacted]");
    }
}
