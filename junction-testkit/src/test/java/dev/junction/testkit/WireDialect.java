package dev.junction.testkit;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The three wire formats of the mock, with the smallest valid requests of each and how to read their replies. */
enum WireDialect {

    OPENAI {
        @Override
        HttpRequest.Builder request(MockUpstream mock, String userText, boolean stream) {
            ObjectNode body = stream ? WireClient.streamingChat(userText, false) : WireClient.chat(userText);
            return post(mock.baseUrl() + "/chat/completions", body);
        }

        @Override
        String text(JsonNode body) {
            return body.path("choices").path(0).path("message").path("content").stringValue();
        }
    },

    ANTHROPIC {
        @Override
        HttpRequest.Builder request(MockUpstream mock, String userText, boolean stream) {
            return post(mock.baseUrl() + "/messages", anthropic(userText).put("stream", stream))
                    .header("anthropic-version", "2023-06-01");
        }

        @Override
        String text(JsonNode body) {
            return body.path("content").path(0).path("text").stringValue();
        }
    },

    GEMINI {
        @Override
        HttpRequest.Builder request(MockUpstream mock, String userText, boolean stream) {
            String method = stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
            return post(mock.geminiBaseUrl() + "/models/gemini-2.5-flash" + method, gemini(userText));
        }

        @Override
        String text(JsonNode body) {
            return body.path("candidates").path(0).path("content").path("parts").path(0).path("text").stringValue();
        }
    };

    /** A request with one user message. */
    abstract HttpRequest.Builder request(MockUpstream mock, String userText, boolean stream);

    /** {@return the reply text of a non-stream body} */
    abstract String text(JsonNode body);

    /** {@code {"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":userText}]}} */
    static ObjectNode anthropic(String userText) {
        ObjectNode body = WireClient.JSON.createObjectNode().put("model", "claude-sonnet-4-5").put("max_tokens", 1024);
        body.putArray("messages").addObject().put("role", "user").put("content", userText);
        return body;
    }

    /** {@code {"contents":[{"role":"user","parts":[{"text":userText}]}]}} */
    static ObjectNode gemini(String userText) {
        ObjectNode body = WireClient.JSON.createObjectNode();
        body.putArray("contents").addObject().put("role", "user").putArray("parts").addObject().put("text", userText);
        return body;
    }

    static HttpRequest.Builder post(String url, JsonNode body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }
}
