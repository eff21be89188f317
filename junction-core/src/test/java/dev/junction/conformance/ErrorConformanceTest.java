package dev.junction.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every upstream error fixture, classified by its dialect and rendered for a client of every dialect, keeps its
 * meaning (translation.md §13.1): a rate limit stays a 429 rate limit with its retry delay; an overloaded or
 * unavailable upstream is 529 for Anthropic clients and 503 for the others; the upstream rejecting the gateway's
 * own key is a 502; another upstream failure is a 502; a rejected request keeps its status and the upstream's
 * message, in the client dialect's own vocabulary.
 */
class ErrorConformanceTest {

    /** What an upstream error means for the client. */
    enum Meaning { REJECTED, GATEWAY_KEY, RATE_LIMITED, OVERLOADED, UPSTREAM_FAILED }

    /** An error fixture: the upstream's status, its message, and what it means. */
    record Upstream(WireDialect dialect, String fixture, int status, Meaning meaning) {
        @Override
        public String toString() {
            return dialect + " " + fixture;
        }
    }

    /** The {@code Retry-After} the suite's upstreams send with rate limits and overload. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(7);

    static final List<Upstream> UPSTREAMS = List.of(
            new Upstream(WireDialect.OPENAI, "error.400.context-length-exceeded.json", 400, Meaning.REJECTED),
            new Upstream(WireDialect.OPENAI, "error.400.empty-messages.json", 400, Meaning.REJECTED),
            new Upstream(WireDialect.OPENAI, "error.400.unsupported-parameter.json", 400, Meaning.REJECTED),
            new Upstream(WireDialect.OPENAI, "error.401.invalid-api-key.json", 401, Meaning.GATEWAY_KEY),
            new Upstream(WireDialect.OPENAI, "error.404.model-not-found.json", 404, Meaning.REJECTED),
            new Upstream(WireDialect.OPENAI, "error.429.rate-limit.json", 429, Meaning.RATE_LIMITED),
            new Upstream(WireDialect.OPENAI, "error.500.server-error.json", 500, Meaning.UPSTREAM_FAILED),
            new Upstream(WireDialect.ANTHROPIC, "error.400.invalid-request.json", 400, Meaning.REJECTED),
            new Upstream(WireDialect.ANTHROPIC, "error.400.prompt-too-long.json", 400, Meaning.REJECTED),
            new Upstream(WireDialect.ANTHROPIC, "error.401.authentication.json", 401, Meaning.GATEWAY_KEY),
            new Upstream(WireDialect.ANTHROPIC, "error.403.permission.json", 403, Meaning.GATEWAY_KEY),
            new Upstream(WireDialect.ANTHROPIC, "error.404.not-found.json", 404, Meaning.REJECTED),
            new Upstream(WireDialect.ANTHROPIC, "error.413.request-too-large.json", 413, Meaning.REJECTED),
            new Upstream(WireDialect.ANTHROPIC, "error.429.rate-limit.json", 429, Meaning.RATE_LIMITED),
            new Upstream(WireDialect.ANTHROPIC, "error.500.api-error.json", 500, Meaning.UPSTREAM_FAILED),
            new Upstream(WireDialect.ANTHROPIC, "error.529.overloaded.json", 529, Meaning.OVERLOADED),
            new Upstream(WireDialect.GEMINI, "error.400.api-key-invalid.json", 400, Meaning.GATEWAY_KEY),
            new Upstream(WireDialect.GEMINI, "error.400.invalid-argument.json", 400, Meaning.REJECTED),
            new Upstream(WireDialect.GEMINI, "error.404.model-not-found.json", 404, Meaning.REJECTED),
            new Upstream(WireDialect.GEMINI, "error.429.list-wrapped.json", 429, Meaning.RATE_LIMITED),
            new Upstream(WireDialect.GEMINI, "error.429.resource-exhausted.json", 429, Meaning.RATE_LIMITED),
            new Upstream(WireDialect.GEMINI, "error.500.internal.json", 500, Meaning.UPSTREAM_FAILED),
            new Upstream(WireDialect.GEMINI, "error.503.unavailable.json", 503, Meaning.OVERLOADED),
            new Upstream(WireDialect.RESPONSES, "error.400.invalid-value.json", 400, Meaning.REJECTED));

    static Stream<Arguments> pairs() {
        return UPSTREAMS.stream().flatMap(u -> Stream.of(WireDialect.values()).map(client -> Arguments.of(u, client)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("pairs")
    void theClientGetsTheStatusTheUpstreamErrorMeans(Upstream upstream, WireDialect client) {
        GatewayError error = classified(upstream);

        int expected = switch (upstream.meaning()) {
            case REJECTED -> upstream.status();
            case GATEWAY_KEY, UPSTREAM_FAILED -> 502;
            case RATE_LIMITED -> 429;
            case OVERLOADED -> client == WireDialect.ANTHROPIC ? 529 : 503;
        };
        assertThat(client.status(error)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("pairs")
    void theClientsErrorBodyIsInItsOwnShapeAndVocabulary(Upstream upstream, WireDialect client) {
        GatewayError error = classified(upstream);

        ObjectNode body = client.renderError(error);

        assertThat(message(client, body)).isEqualTo(error.message()).isNotBlank();
        assertThat(kind(client, body)).isEqualTo(expectedKind(upstream, client));
        if (client == WireDialect.GEMINI) {
            assertThat(body.at("/error/code").asInt()).isEqualTo(client.status(error));
        }
        if (client == WireDialect.ANTHROPIC) {
            assertThat(body.path("type").asString()).isEqualTo("error");
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("rejections")
    void aRejectedRequestKeepsTheUpstreamsMessage(Upstream upstream, WireDialect client) {
        ObjectNode body = client.renderError(classified(upstream));

        JsonNode original = Fixtures.json(upstream.dialect(), upstream.fixture());
        String upstreamMessage = original.at("/error/message").asString();
        assertThat(message(client, body)).isEqualTo(upstreamMessage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("waits")
    void aRateLimitOrOverloadKeepsItsRetryDelay(Upstream upstream) {
        GatewayError error = classified(upstream);

        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).contains(RETRY_AFTER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geminiRateLimits")
    void aGeminiRetryInfoDelayIsTheRetryAfterWhenNoHeaderCame(String fixture) {
        GatewayError error = WireDialect.GEMINI.classify(429, Fixtures.text(WireDialect.GEMINI, fixture),
                Optional.empty());

        assertThat(error.retryAfter()).contains(Duration.ofSeconds(43));
        assertThat(WireDialect.ANTHROPIC.status(error)).isEqualTo(429);
    }

    /**
     * §13.1: OpenAI's {@code insufficient_quota} 429 is the gateway's account out of credit, not a transient limit:
     * retrying it is pointless, and a client must not be told to retry.
     */
    @Test
    void anOpenAiInsufficientQuotaIsNotRetryable() {
        GatewayError error = WireDialect.OPENAI.classify(429,
                Fixtures.text(WireDialect.OPENAI, "error.429.insufficient-quota.json"), Optional.empty());

        assertThat(error.retryable()).isFalse();
        assertThat(error).isInstanceOfSatisfying(GatewayError.BadGateway.class,
                b -> assertThat(b.credentialsRefused()).as("what alerts on refused keys look for").isTrue());
    }

    static Stream<Arguments> rejections() {
        return pairs().filter(a -> ((Upstream) a.get()[0]).meaning() == Meaning.REJECTED);
    }

    static Stream<Upstream> waits() {
        return UPSTREAMS.stream().filter(u -> u.meaning() == Meaning.RATE_LIMITED || u.meaning() == Meaning.OVERLOADED);
    }

    static Stream<String> geminiRateLimits() {
        return Stream.of("error.429.list-wrapped.json", "error.429.resource-exhausted.json");
    }

    private static GatewayError classified(Upstream upstream) {
        boolean waits = upstream.meaning() == Meaning.RATE_LIMITED || upstream.meaning() == Meaning.OVERLOADED;
        return upstream.dialect().classify(upstream.status(), Fixtures.text(upstream.dialect(), upstream.fixture()),
                waits ? Optional.of(RETRY_AFTER) : Optional.empty());
    }

    private static String message(WireDialect client, JsonNode body) {
        // Every dialect puts the message at error.message.
        return body.at("/error/message").asString("");
    }

    /** The error's kind as the client's dialect names it: OpenAI type, Anthropic type, Gemini status. */
    private static String kind(WireDialect client, JsonNode body) {
        return switch (client) {
            case OPENAI, RESPONSES, ANTHROPIC -> body.at("/error/type").asString("");
            case GEMINI -> body.at("/error/status").asString("");
        };
    }

    private static String expectedKind(Upstream upstream, WireDialect client) {
        return switch (upstream.meaning()) {
            case RATE_LIMITED -> switch (client) {
                case OPENAI, RESPONSES -> "requests";
                case ANTHROPIC -> "rate_limit_error";
                case GEMINI -> "RESOURCE_EXHAUSTED";
            };
            case OVERLOADED -> switch (client) {
                case OPENAI, RESPONSES -> "service_unavailable";
                case ANTHROPIC -> "overloaded_error";
                case GEMINI -> "UNAVAILABLE";
            };
            case GATEWAY_KEY, UPSTREAM_FAILED -> switch (client) {
                case OPENAI, RESPONSES -> "upstream_error";
                case ANTHROPIC -> "api_error";
                case GEMINI -> "UNAVAILABLE";
            };
            case REJECTED -> switch (client) {
                // §13.1: OpenAI names every rejected request invalid_request_error (404 → code model_not_found).
                case OPENAI, RESPONSES -> upstream.dialect() == WireDialect.OPENAI
                        || upstream.dialect() == WireDialect.RESPONSES
                        ? Fixtures.json(upstream.dialect(), upstream.fixture()).at("/error/type").asString()
                        : "invalid_request_error";
                case ANTHROPIC -> switch (upstream.status()) {
                    case 404 -> "not_found_error";
                    case 413 -> "request_too_large";
                    default -> "invalid_request_error";
                };
                case GEMINI -> switch (upstream.status()) {
                    case 404 -> "NOT_FOUND";
                    default -> "INVALID_ARGUMENT";
                };
            };
        };
    }
}
