package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's Chat Completions answers as Azure sends them: a body with {@code prompt_filter_results} and a
 * {@code content_filter_results} per choice; a stream whose first chunk carries only the prompt's filter results
 * ({@code choices: []}, empty {@code id}, {@code model} and {@code object}, {@code created: 0}) and whose chunks
 * carry {@code content_filter_results} per choice. Errors are OpenAI's envelope, which Azure shares.
 */
final class AzureFormat implements AnswerFormat {

    private static final String SAFE = "{\"filtered\":false,\"severity\":\"safe\"}";
    private static final String CONTENT_FILTER_RESULTS = "{\"hate\":" + SAFE + ",\"self_harm\":" + SAFE
            + ",\"sexual\":" + SAFE + ",\"violence\":" + SAFE + "}";
    private static final String PROMPT_FILTER_RESULTS = "[{\"prompt_index\":0,\"content_filter_results\":{\"hate\":"
            + SAFE + ",\"jailbreak\":{\"filtered\":false,\"detected\":false},\"self_harm\":" + SAFE + ",\"sexual\":"
            + SAFE + ",\"violence\":" + SAFE + "}}]";
    private static final Buffer FIRST_CHUNK = Buffer.buffer("data: {\"choices\":[],\"created\":0,\"id\":\"\","
            + "\"model\":\"\",\"object\":\"\",\"prompt_filter_results\":" + PROMPT_FILTER_RESULTS + "}\n\n");

    private final AnswerFormat openAi;

    AzureFormat(AnswerFormat openAi) {
        this.openAi = openAi;
    }

    @Override
    public boolean streams() {
        return openAi.streams();
    }

    @Override
    public CharSequence jsonContentType() {
        return openAi.jsonContentType();
    }

    @Override
    public CharSequence streamContentType() {
        return openAi.streamContentType();
    }

    @Override
    public Buffer body(Answer answer) {
        ObjectNode body = (ObjectNode) JsonText.MAPPER.readTree(openAi.body(answer).getBytes());
        withFilterResults(body);
        body.set("prompt_filter_results", JsonText.MAPPER.readTree(PROMPT_FILTER_RESULTS));
        return JsonText.buffer(body);
    }

    @Override
    public List<Buffer> events(Answer answer) {
        List<Buffer> events = new ArrayList<>();
        events.add(FIRST_CHUNK.copy());
        for (Buffer event : openAi.events(answer)) {
            String text = event.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("data: {")) {
                events.add(event);
                continue;
            }
            ObjectNode chunk = (ObjectNode) JsonText.MAPPER.readTree(text.substring(6).strip());
            withFilterResults(chunk);
            events.add(Buffer.buffer("data: ").appendBuffer(JsonText.buffer(chunk)).appendString("\n\n"));
        }
        return events;
    }

    private static void withFilterResults(ObjectNode body) {
        JsonNode filter = JsonText.MAPPER.readTree(CONTENT_FILTER_RESULTS);
        for (JsonNode choice : body.path("choices")) {
            ((ObjectNode) choice).set("content_filter_results", filter.deepCopy());
        }
    }

    @Override
    public Buffer streamError(int position) {
        return openAi.streamError(position);
    }

    @Override
    public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return openAi.errorBody(status, behaviorHeaders);
    }

    @Override
    public Buffer mockFailure(String message) {
        return openAi.mockFailure(message);
    }

    @Override
    public Optional<String> inexpressible(Answer answer) {
        return openAi.inexpressible(answer);
    }
}
