package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.testkit.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Input guardrails on the operations besides chat and embeddings: image prompts (generation and edit), rerank queries
 * and documents, moderation input, legacy completion prompts and the text to speak. A {@code block} is a 400 in
 * OpenAI's shape naming the policy and never the secret, before anything is sent upstream; a {@code redact} sends the
 * upstream the masked text; a {@code flag} lets the text through as it is and records the hit in the request log.
 */
class GuardedMediaOperationsTest {

    private static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String EMAIL = "jane.doe@example.com";

    @RegisterExtension
    static final GatewayExtension ENV = new GatewayExtension(upstream -> """
            providers:
              jina: {base_url: "%s/v1", rerank_api: jina}
            routes:
              draw:
                groups: [{deployments: [{provider: openai, model: gpt-image-1, operations: [images]}]}]
              draw-masked:
                groups: [{deployments: [{provider: openai, model: gpt-image-1, operations: [images]}]}]
              draw-flagged:
                groups: [{deployments: [{provider: openai, model: gpt-image-1, operations: [images]}]}]
              rank:
                groups: [{deployments: [{provider: jina, model: jina-reranker-v2-base-multilingual, operations: [rerank]}]}]
              rank-masked:
                groups: [{deployments: [{provider: jina, model: jina-reranker-v2-base-multilingual, operations: [rerank]}]}]
              guard:
                groups: [{deployments: [{provider: openai, model: omni-moderation-latest, operations: [moderations]}]}]
              guard-masked:
                groups: [{deployments: [{provider: openai, model: omni-moderation-latest, operations: [moderations]}]}]
              instruct:
                groups: [{deployments: [{provider: openai, model: gpt-3.5-turbo-instruct, operations: [completions]}]}]
              instruct-masked:
                groups: [{deployments: [{provider: openai, model: gpt-3.5-turbo-instruct, operations: [completions]}]}]
              voice:
                groups: [{deployments: [{provider: openai, model: gpt-4o-mini-tts, operations: [audio_speech]}]}]
              voice-masked:
                groups: [{deployments: [{provider: openai, model: gpt-4o-mini-tts, operations: [audio_speech]}]}]
            guardrails:
              policies:
                no-secrets:
                  detectors: [secrets]
                  on: input
                  applies_to: {routes: [draw, rank, guard, instruct, voice]}
                mask-pii:
                  detectors: [pii]
                  on: input
                  actions: {pii: redact}
                  applies_to: {routes: [draw-masked, rank-masked, guard-masked, instruct-masked, voice-masked]}
                note-pii:
                  detectors: [pii]
                  on: input
                  actions: {pii: flag}
                  applies_to: {routes: [draw-flagged]}
            """.formatted(upstream.rootUrl()));

    private static HttpResponse<String> post(String path, String body) {
        return ENV.gateway().post(path, body);
    }

    /** A form posted by hand (the gateway helper's posts are JSON). */
    static HttpResponse<String> postForm(String path, String boundary, String form) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(ENV.gateway().baseUrl() + path)).timeout(java.time.Duration.ofSeconds(20)).header("authorization", "Bearer " + Gateway.KEY)
                    .header("content-type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request to the gateway failed: " + e, e);
        }
    }

    private static JsonNode sent() {
        return ENV.upstream().lastRequest().map(RecordedRequest::json).orElseThrow();
    }

    private static void assertBlocked(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.tryParse(response.body()).orElseThrow().path("error");
        assertThat(error.path("code").asString()).isEqualTo("guardrail_blocked");
        assertThat(error.path("message").asString()).contains("no-secrets").contains("AWS_ACCESS_KEY");
        assertThat(response.body()).doesNotContain(AWS_KEY);
        assertThat(ENV.upstream().requests()).isEmpty();
    }

    @Test
    void anImagePromptWithASecretIsRefusedBeforeTheUpstream() {
        assertBlocked(post("/v1/images/generations", """
                {"model": "draw", "prompt": "a poster showing the key %s"}""".formatted(AWS_KEY)));
    }

    @Test
    void anImagePromptReachesTheUpstreamMasked() {
        HttpResponse<String> response = post("/v1/images/generations", """
                {"model": "draw-masked", "prompt": "a letter addressed to %s"}""".formatted(EMAIL));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sent().path("prompt").asString()).isEqualTo("a letter addressed to [EMAIL_1]");
    }

    @Test
    void anImageEditsPromptIsGuardedToo() {
        String boundary = "junction-guard-boundary";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ndraw\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nadd the key "
                + AWS_KEY + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\npng-bytes\r\n--" + boundary + "--\r\n";

        assertBlocked(postForm("/v1/images/edits", boundary, form));
    }

    @Test
    void aFlaggedImagePromptPassesUnchangedAndIsLogged() {
        HttpResponse<String> response = post("/v1/images/generations", """
                {"model": "draw-flagged", "prompt": "a letter addressed to %s"}""".formatted(EMAIL));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sent().path("prompt").asString()).contains(EMAIL);
        assertThat(ENV.gateway().awaitLog("note-pii/pii/EMAIL:flag@input")).doesNotContain(EMAIL);
    }

    @Test
    void aRerankDocumentWithASecretIsRefused() {
        assertBlocked(post("/v1/rerank", """
                {"model": "rank", "query": "which is the key", "documents": ["nothing", "key %s"]}"""
                .formatted(AWS_KEY)));
    }

    @Test
    void aRerankQueryAndDocumentsReachTheUpstreamMasked() {
        HttpResponse<String> response = post("/v1/rerank", """
                {"model": "rank-masked", "query": "mail from %s", "documents": ["hello", "to %s"]}"""
                .formatted(EMAIL, EMAIL));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sent = sent();
        assertThat(sent.path("query").asString()).isEqualTo("mail from [EMAIL_1]");
        assertThat(sent.path("documents").get(1).asString()).isEqualTo("to [EMAIL_1]");
        assertThat(sent.toString()).doesNotContain(EMAIL);
    }

    @Test
    void aModerationInputWithASecretIsRefused() {
        assertBlocked(post("/v1/moderations", """
                {"model": "guard", "input": ["fine", "the key is %s"]}""".formatted(AWS_KEY)));
    }

    @Test
    void moderationTextPartsReachTheUpstreamMasked() {
        HttpResponse<String> response = post("/v1/moderations", """
                {"model": "guard-masked", "input": [{"type": "text", "text": "write to %s"},
                 {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}]}""".formatted(EMAIL));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode input = sent().path("input");
        assertThat(input.get(0).path("text").asString()).isEqualTo("write to [EMAIL_1]");
        assertThat(input.get(1).path("image_url").path("url").asString()).isEqualTo("https://example.com/a.png");
    }

    @Test
    void aCompletionPromptWithASecretIsRefused() {
        assertBlocked(post("/v1/completions", """
                {"model": "instruct", "prompt": "the key %s means"}""".formatted(AWS_KEY)));
    }

    @Test
    void completionPromptsReachTheUpstreamMaskedWithTokenArraysKept() {
        HttpResponse<String> response = post("/v1/completions", """
                {"model": "instruct-masked", "prompt": ["Dear %s,", [1, 2, 3]], "max_tokens": 5}""".formatted(EMAIL));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode prompt = sent().path("prompt");
        assertThat(prompt.get(0).asString()).isEqualTo("Dear [EMAIL_1],");
        assertThat(prompt.get(1).toString()).isEqualTo("[1,2,3]");
    }

    @Test
    void speechInputWithASecretIsRefused() {
        assertBlocked(post("/v1/audio/speech", """
                {"model": "voice", "voice": "alloy", "input": "read out %s"}""".formatted(AWS_KEY)));
    }

    @Test
    void speechInputReachesTheUpstreamMasked() {
        HttpResponse<String> response = post("/v1/audio/speech", """
                {"model": "voice-masked", "voice": "alloy", "input": "call %s"}""".formatted(EMAIL));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sent().path("input").asString()).isEqualTo("call [EMAIL_1]");
    }
}
