package dev.junction.upstream;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What an adapter's request is for, in terms each host can place ({@link UpstreamEndpoint}): an operation of OpenAI's
 * API, a method of a Google-style model resource, Anthropic's Messages, or an operation of a Bedrock model. A
 * provider served directly finds each under its base URL ({@link #directPath}); a cloud platform maps the ones it
 * hosts onto its own URL scheme and refuses the others. Immutable.
 */
public sealed interface UpstreamResource {

    /** The path of this resource for {@code model} under a base URL of the API it belongs to. */
    String directPath(String model);

    /** The operations of OpenAI's APIs, by their path under an OpenAI base URL. */
    enum OpenAi implements UpstreamResource {
        CHAT("/chat/completions"),
        EMBEDDINGS("/embeddings"),
        RESPONSES("/responses"),
        SPEECH("/audio/speech"),
        TRANSCRIPTIONS("/audio/transcriptions"),
        TRANSLATIONS("/audio/translations"),
        MODERATIONS("/moderations"),
        COMPLETIONS("/completions"),
        IMAGE_GENERATIONS("/images/generations"),
        IMAGE_EDITS("/images/edits"),
        IMAGE_VARIATIONS("/images/variations");

        private final String path;

        OpenAi(String path) {
            this.path = path;
        }

        /** The path under an OpenAI-style base URL ({@code /chat/completions}). */
        public String path() {
            return path;
        }

        @Override
        public String directPath(String model) {
            return path;
        }
    }

    /**
     * A method of a model resource in Google's style: {@code /models/{model}:{method}} at the Gemini API, or
     * {@code …/publishers/{publisher}/models/{model}:{method}} at Vertex AI; with {@code ?alt=sse} when {@code sse}.
     *
     * @param publisher the model's publisher on Vertex AI ({@code google})
     * @param method {@code generateContent}, {@code streamGenerateContent}, {@code predict}, …
     */
    record ModelMethod(String publisher, String method, boolean sse) implements UpstreamResource {

        /** A method of one of Google's models. */
        public static ModelMethod google(String method) {
            return new ModelMethod("google", method, false);
        }

        /** Gemini's generation method, streamed as server-sent events when {@code stream}. */
        public static ModelMethod generateContent(boolean stream) {
            return stream ? new ModelMethod("google", "streamGenerateContent", true) : google("generateContent");
        }

        /**
         * {@inheritDoc} The model is one path segment: a {@code models/} prefix (the resource name) is removed and
         * everything else percent-encoded, so a name cannot add path segments or a {@code :method}.
         */
        @Override
        public String directPath(String model) {
            return "/models/" + encode(id(model)) + ":" + method + query();
        }

        /** {@code ?alt=sse} for a streamed method, else nothing. */
        public String query() {
            return sse ? "?alt=sse" : "";
        }

        /** The model's id without a {@code models/} prefix. */
        public static String id(String model) {
            return model.startsWith("models/") ? model.substring("models/".length()) : model;
        }
    }

    /**
     * Anthropic's Messages API ({@code /messages} under an Anthropic base URL); a cloud hosting Claude has its own
     * method for it.
     *
     * @param stream whether the answer is asked for as a stream (Vertex AI's method differs)
     */
    record AnthropicMessages(boolean stream) implements UpstreamResource {
        @Override
        public String directPath(String model) {
            return "/messages";
        }
    }

    /**
     * An operation of a Bedrock model: {@code /model/{model}/{operation}} ({@code converse}, {@code converse-stream},
     * {@code invoke}, {@code invoke-with-response-stream}). The model id is one path segment, percent-encoded
     * ({@code :} as {@code %3A}, an ARN's {@code /} as {@code %2F}), so it cannot add path segments; a signature
     * covers the path exactly as sent.
     */
    record ModelOperation(String operation) implements UpstreamResource {
        @Override
        public String directPath(String model) {
            return "/model/" + encode(model) + "/" + operation;
        }
    }

    /** A path segment, percent-encoded ({@code %20} for a space, not {@code +}). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
