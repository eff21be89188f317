package dev.junction.testkit;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The standard response headers of each dialect the mock speaks: request id, rate-limit and timing
 * headers as the real providers send them. Applied after the content type and before a behaviour's own
 * headers, so a behaviour can replace any of them.
 */
enum WireHeaders {

    /** {@code x-request-id}; on success {@code openai-*} and {@code x-ratelimit-*} headers. */
    OPENAI {
        @Override
        void apply(MultiMap headers, int status, long sequence, long elapsedMillis) {
            headers.set(OPENAI_REQUEST_ID, "req_" + sequence);
            if (status < 400) {
                OPENAI_SUCCESS.forEach(headers::set);
                headers.set(OPENAI_PROCESSING_MS, Long.toString(elapsedMillis));
            }
        }
    },

    /** {@code request-id}; on success {@code anthropic-organization-id} and {@code anthropic-ratelimit-*}. */
    ANTHROPIC {
        @Override
        void apply(MultiMap headers, int status, long sequence, long elapsedMillis) {
            headers.set(ANTHROPIC_REQUEST_ID, "req_" + sequence);
            if (status < 400) {
                ANTHROPIC_SUCCESS.forEach(headers::set);
                String reset = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60).toString();
                for (String kind : new String[] {"requests", "tokens", "input-tokens", "output-tokens"}) {
                    headers.set("anthropic-ratelimit-" + kind + "-reset", reset);
                }
            }
        }
    },

    /** Google sends no request id or rate-limit headers, only {@code server-timing}. */
    GEMINI {
        @Override
        void apply(MultiMap headers, int status, long sequence, long elapsedMillis) {
            headers.set(GEMINI_SERVER_TIMING, "gfet4t7; dur=" + elapsedMillis);
        }
    },

    /** {@code x-amzn-RequestId}; on errors the {@code x-amzn-ErrorType} of the status. */
    BEDROCK {
        @Override
        void apply(MultiMap headers, int status, long sequence, long elapsedMillis) {
            headers.set("x-amzn-RequestId", "00000000-0000-4000-8000-" + String.format("%012d", sequence));
            if (status >= 400) {
                headers.set("x-amzn-ErrorType", BedrockFormat.type(status));
            }
        }
    },

    /** Cohere: {@code x-debug-trace-id} and the request's duration in {@code x-envoy-upstream-service-time}. */
    COHERE {
        @Override
        void apply(MultiMap headers, int status, long sequence, long elapsedMillis) {
            headers.set(COHERE_TRACE_ID, "trace_" + sequence);
            headers.set(COHERE_SERVICE_TIME, Long.toString(elapsedMillis));
        }
    },

    /** A local Ollama sends no request id or rate-limit headers. */
    OLLAMA {
        @Override
        void apply(MultiMap headers, int status, long sequence, long elapsedMillis) {
            // nothing beyond the content type
        }
    },

    /** ElevenLabs: its {@code request-id}. */
    ELEVENLABS {
        @Override
        void apply(MultiMap headers, int status, long sequence, long elapsedMillis) {
            headers.set("request-id", "el_" + sequence);
        }
    },

    /** Deepgram: its {@code dg-request-id}. */
    DEEPGRAM {
        @Override
        void apply(MultiMap headers, int status, long sequence, long elapsedMillis) {
            headers.set("dg-request-id", "dg_" + sequence);
        }
    };

    private static final CharSequence OPENAI_REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
    private static final CharSequence OPENAI_PROCESSING_MS = HttpHeaders.createOptimized("openai-processing-ms");
    private static final Map<CharSequence, CharSequence> OPENAI_SUCCESS = optimized(Map.of(
            "openai-organization", "org-mock",
            "openai-project", "proj_mock",
            "openai-version", "2020-10-01",
            "x-ratelimit-limit-requests", "10000",
            "x-ratelimit-limit-tokens", "30000000",
            "x-ratelimit-remaining-requests", "9999",
            "x-ratelimit-remaining-tokens", "29999000",
            "x-ratelimit-reset-requests", "6ms",
            "x-ratelimit-reset-tokens", "0s",
            "access-control-expose-headers", "X-Request-ID"));
    private static final CharSequence ANTHROPIC_REQUEST_ID = HttpHeaders.createOptimized("request-id");
    private static final Map<CharSequence, CharSequence> ANTHROPIC_SUCCESS = optimized(Map.of(
            "anthropic-organization-id", "00000000-0000-4000-8000-000000000000",
            "anthropic-ratelimit-requests-limit", "4000",
            "anthropic-ratelimit-requests-remaining", "3999",
            "anthropic-ratelimit-tokens-limit", "2000000",
            "anthropic-ratelimit-tokens-remaining", "2000000",
            "anthropic-ratelimit-input-tokens-limit", "2000000",
            "anthropic-ratelimit-input-tokens-remaining", "2000000",
            "anthropic-ratelimit-output-tokens-limit", "400000",
            "anthropic-ratelimit-output-tokens-remaining", "400000"));
    private static final CharSequence GEMINI_SERVER_TIMING = HttpHeaders.createOptimized("server-timing");
    private static final CharSequence COHERE_TRACE_ID = HttpHeaders.createOptimized("x-debug-trace-id");
    private static final CharSequence COHERE_SERVICE_TIME = HttpHeaders.createOptimized("x-envoy-upstream-service-time");

    /**
     * Sets this dialect's standard headers.
     *
     * @param status the response status; success-only headers are left out for errors
     * @param sequence the request's sequence number, used in request ids
     * @param elapsedMillis time since the request arrived
     */
    abstract void apply(MultiMap headers, int status, long sequence, long elapsedMillis);

    private static Map<CharSequence, CharSequence> optimized(Map<String, String> headers) {
        var result = new LinkedHashMap<CharSequence, CharSequence>();
        headers.forEach((name, value) -> result.put(HttpHeaders.createOptimized(name), HttpHeaders.createOptimized(value)));
        return Collections.unmodifiableMap(result);
    }
}
