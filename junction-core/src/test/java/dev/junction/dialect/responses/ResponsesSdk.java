package dev.junction.dialect.responses;

import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStreamEvent;
import dev.junction.json.Json;
import dev.junction.upstream.SseEvent;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The official OpenAI Java SDK as a judge of the gateway's Responses output: bodies must parse and validate as its
 * {@link Response}; streams are accumulated by its {@link ResponseAccumulator} into the response of the terminal
 * event and the one it rebuilds from the deltas.
 */
final class ResponsesSdk {

    private ResponsesSdk() {}

    /** The two responses the accumulator has after the stream: the terminal event's, and the one rebuilt. */
    record Accumulated(ObjectNode terminal, ObjectNode reconstructed) {}

    static Accumulated accumulate(List<SseEvent> events) {
        var mapper = com.openai.core.ObjectMappers.jsonMapper();
        ResponseAccumulator accumulator = ResponseAccumulator.createWithSnapshots();
        try {
            for (SseEvent event : events) {
                accumulator.accumulate(mapper.readValue(event.data(), ResponseStreamEvent.class));
            }
            return new Accumulated(Json.parseObject(mapper.writeValueAsBytes(accumulator.response().validate())),
                    Json.parseObject(mapper.writeValueAsBytes(accumulator.reconstructedResponse().validate())));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new AssertionError("the OpenAI SDK could not read the stream", e);
        }
    }

    /** The body as the SDK reads it, after checking that it validates. */
    static ObjectNode read(ObjectNode body) {
        var mapper = com.openai.core.ObjectMappers.jsonMapper();
        try {
            Response response = mapper.readValue(Json.bytes(body), Response.class).validate();
            return Json.parseObject(mapper.writeValueAsBytes(response));
        } catch (java.io.IOException e) {
            throw new AssertionError("the OpenAI SDK could not read the body", e);
        }
    }
}
