package dev.junction.it;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/**
 * The three client dialects as raw HTTP: the endpoint, a minimal chat body and the dialect's own way of sending the
 * gateway key. Test helper for the wire-level surface tests, where an SDK would hide what is on the wire.
 */
enum ClientWire {
    OPENAI,
    RESPONSES,
    ANTHROPIC,
    GEMINI;

    /** Posts a one-message chat request for {@code model}; Gemini streams with {@code alt=sse}. */
    HttpResponse<String> chat(Gateway gateway, String model, String prompt, boolean stream) {
        return switch (this) {
            case OPENAI -> gateway.post("/v1/chat/completions", """
                    {"model":"%s","stream":%s,"messages":[{"role":"user","content":"%s"}]}"""
                    .formatted(model, stream, prompt), "authorization", "Bearer " + Gateway.KEY);
            case RESPONSES -> gateway.post("/v1/responses", """
                    {"model":"%s","stream":%s,"input":"%s"}"""
                    .formatted(model, stream, prompt), "authorization", "Bearer " + Gateway.KEY);
            case ANTHROPIC -> gateway.post("/v1/messages", """
                    {"model":"%s","max_tokens":256,"stream":%s,"messages":[{"role":"user","content":"%s"}]}"""
                    .formatted(model, stream, prompt), "x-api-key", Gateway.KEY, "anthropic-version", "2023-06-01");
            case GEMINI -> gateway.post(geminiPath(model, stream, true), """
                    {"contents":[{"role":"user","parts":[{"text":"%s"}]}]}""".formatted(prompt),
                    "x-goog-api-key", Gateway.KEY);
        };
    }

    /** The Gemini generation path for a model; {@code sse} adds {@code ?alt=sse} to a stream. */
    static String geminiPath(String model, boolean stream, boolean sse) {
        return "/v1beta/models/" + model + (stream ? ":streamGenerateContent" + (sse ? "?alt=sse" : "")
                : ":generateContent");
    }

    /**
     * The error object of an error reply or stream frame in this dialect's envelope: OpenAI and Google
     * {@code {"error":{…}}}, Anthropic {@code {"type":"error","error":{…}}}; a Responses stream's {@code error} event
     * is the error itself ({@code {"type":"error","code":…,"message":…}}).
     */
    JsonNode error(JsonNode body) {
        if (this == RESPONSES && !body.has("error")) {
            org.assertj.core.api.Assertions.assertThat(body.path("type").asString()).isEqualTo("error");
            return body;
        }
        if (this == ANTHROPIC) {
            org.assertj.core.api.Assertions.assertThat(body.path("type").asString()).isEqualTo("error");
        }
        return body.path("error");
    }
}
