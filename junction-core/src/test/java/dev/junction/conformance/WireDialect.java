package dev.junction.conformance;

import dev.junction.dialect.StreamDecoder;
import dev.junction.dialect.StreamEncoder;
import dev.junction.dialect.anthropic.AnthropicErrors;
import dev.junction.dialect.anthropic.AnthropicRequestMapper;
import dev.junction.dialect.anthropic.AnthropicResponseMapper;
import dev.junction.dialect.anthropic.AnthropicStreamDecoder;
import dev.junction.dialect.anthropic.AnthropicStreamEncoder;
import dev.junction.dialect.gemini.GeminiErrors;
import dev.junction.dialect.gemini.GeminiRequestMapper;
import dev.junction.dialect.gemini.GeminiResponseMapper;
import dev.junction.dialect.gemini.GeminiStreamDecoder;
import dev.junction.dialect.gemini.GeminiStreamEncoder;
import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.dialect.openai.OpenAiResponseMapper;
import dev.junction.dialect.openai.OpenAiStreamDecoder;
import dev.junction.dialect.openai.OpenAiStreamEncoder;
import dev.junction.dialect.responses.ReasoningSeal;
import dev.junction.dialect.responses.ResponsesEcho;
import dev.junction.dialect.responses.ResponsesRequestMapper;
import dev.junction.dialect.responses.ResponsesResponseMapper;
import dev.junction.dialect.responses.ResponsesStreamDecoder;
import dev.junction.dialect.responses.ResponsesStreamEncoder;
import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResponse;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The four chat dialects under test, each with its fixture folder and the production entry points the suite drives
 * (request and response mappers, stream decoder and encoder, error classification and rendering), so that every test
 * is one table over source × target. Streams for OpenAI clients are encoded with usage included (the suite compares
 * usage); Gemini streams in SSE framing (the JSON-array framing has its own test).
 */
enum WireDialect {

    OPENAI("openai-chat") {
        @Override
        ChatRequest requestToCanonical(ObjectNode body) {
            return OpenAiRequestMapper.toCanonical(body);
        }

        @Override
        ObjectNode requestFromCanonical(ChatRequest request, Set<String> dropped) {
            return OpenAiRequestMapper.fromCanonical(request, dropped);
        }

        @Override
        ChatResponse responseToCanonical(JsonNode body) {
            return OpenAiResponseMapper.toCanonical(body);
        }

        @Override
        ObjectNode responseFromCanonical(ChatResponse response) {
            return OpenAiResponseMapper.fromCanonical(response);
        }

        @Override
        StreamDecoder decoder() {
            return new OpenAiStreamDecoder(Redactor.patternsOnly());
        }

        @Override
        StreamEncoder encoder() {
            return new OpenAiStreamEncoder(true);
        }

        @Override
        GatewayError classify(int status, String body, Optional<Duration> retryAfter) {
            return OpenAiErrors.classify(status, body, retryAfter, PROVIDER, Redactor.patternsOnly());
        }

        @Override
        ObjectNode renderError(GatewayError error) {
            return OpenAiErrors.render(error);
        }

        @Override
        int status(GatewayError error) {
            return error.status();
        }
    },

    ANTHROPIC("anthropic") {
        @Override
        ChatRequest requestToCanonical(ObjectNode body) {
            return AnthropicRequestMapper.toCanonical(body);
        }

        @Override
        ObjectNode requestFromCanonical(ChatRequest request, Set<String> dropped) {
            return AnthropicRequestMapper.fromCanonical(request, dropped);
        }

        @Override
        ChatResponse responseToCanonical(JsonNode body) {
            return AnthropicResponseMapper.toCanonical(body);
        }

        @Override
        ObjectNode responseFromCanonical(ChatResponse response) {
            return AnthropicResponseMapper.fromCanonical(response);
        }

        @Override
        StreamDecoder decoder() {
            return new AnthropicStreamDecoder(Redactor.patternsOnly());
        }

        @Override
        StreamEncoder encoder() {
            return new AnthropicStreamEncoder();
        }

        @Override
        GatewayError classify(int status, String body, Optional<Duration> retryAfter) {
            return AnthropicErrors.classify(status, body, retryAfter, PROVIDER, Redactor.patternsOnly());
        }

        @Override
        ObjectNode renderError(GatewayError error) {
            return AnthropicErrors.render(error);
        }

        @Override
        int status(GatewayError error) {
            return AnthropicErrors.status(error);
        }
    },

    GEMINI("gemini") {
        @Override
        ChatRequest requestToCanonical(ObjectNode body) {
            // Gemini carries the model in the URL path and streaming in the method name.
            return GeminiRequestMapper.toCanonical(body, "gemini-2.5-flash", false);
        }

        @Override
        ObjectNode requestFromCanonical(ChatRequest request, Set<String> dropped) {
            return GeminiRequestMapper.fromCanonical(request, dropped);
        }

        @Override
        ChatResponse responseToCanonical(JsonNode body) {
            return GeminiResponseMapper.toCanonical(body);
        }

        @Override
        ObjectNode responseFromCanonical(ChatResponse response) {
            return GeminiResponseMapper.fromCanonical(response);
        }

        @Override
        StreamDecoder decoder() {
            return new GeminiStreamDecoder(Redactor.patternsOnly());
        }

        @Override
        StreamEncoder encoder() {
            return new GeminiStreamEncoder(true);
        }

        @Override
        GatewayError classify(int status, String body, Optional<Duration> retryAfter) {
            return GeminiErrors.classify(status, body, retryAfter, PROVIDER, Redactor.patternsOnly());
        }

        @Override
        ObjectNode renderError(GatewayError error) {
            return GeminiErrors.render(error);
        }

        @Override
        int status(GatewayError error) {
            return GeminiErrors.status(error);
        }
    },

    RESPONSES("openai-responses") {
        @Override
        ChatRequest requestToCanonical(ObjectNode body) {
            return ResponsesRequestMapper.toCanonical(body);
        }

        @Override
        ObjectNode requestFromCanonical(ChatRequest request, Set<String> dropped) {
            return ResponsesRequestMapper.fromCanonical(request, dropped);
        }

        @Override
        ChatResponse responseToCanonical(JsonNode body) {
            return ResponsesResponseMapper.toCanonical(body);
        }

        @Override
        ObjectNode responseFromCanonical(ChatResponse response) {
            return ResponsesResponseMapper.fromCanonical(response);
        }

        @Override
        StreamDecoder decoder() {
            return new ResponsesStreamDecoder(Redactor.patternsOnly());
        }

        @Override
        StreamEncoder encoder() {
            return new ResponsesStreamEncoder(ResponsesEcho.defaults(), ReasoningSeal.PLAIN);
        }

        @Override
        GatewayError classify(int status, String body, Optional<Duration> retryAfter) {
            return OpenAiErrors.classify(status, body, retryAfter, PROVIDER, Redactor.patternsOnly());
        }

        @Override
        ObjectNode renderError(GatewayError error) {
            return OpenAiErrors.render(error);
        }

        @Override
        int status(GatewayError error) {
            return error.status();
        }
    };

    /** The provider name the suite's upstream errors are classified under. */
    static final String PROVIDER = "upstream";

    private final String fixtureDir;

    WireDialect(String fixtureDir) {
        this.fixtureDir = fixtureDir;
    }

    /** The folder under {@code /fixtures/} on the test classpath. */
    String fixtureDir() {
        return fixtureDir;
    }

    abstract ChatRequest requestToCanonical(ObjectNode body);

    abstract ObjectNode requestFromCanonical(ChatRequest request, Set<String> dropped);

    abstract ChatResponse responseToCanonical(JsonNode body);

    abstract ObjectNode responseFromCanonical(ChatResponse response);

    /** A fresh decoder for one upstream stream of this dialect. */
    abstract StreamDecoder decoder();

    /** A fresh encoder for one client stream of this dialect. */
    abstract StreamEncoder encoder();

    /** An upstream error reply of this dialect, classified. */
    abstract GatewayError classify(int status, String body, Optional<Duration> retryAfter);

    /** A gateway error as this dialect's error body for a client. */
    abstract ObjectNode renderError(GatewayError error);

    /** The HTTP status a client of this dialect gets for the error. */
    abstract int status(GatewayError error);
}
