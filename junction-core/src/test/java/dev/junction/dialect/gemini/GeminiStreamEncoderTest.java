package dev.junction.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GeminiStreamEncoderTest {

    private static final List<StreamEvent> TEXT = List.of(
            new StreamEvent.MessageStart("r1", "gpt-4o", 0, Usage.ZERO),
            new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Text()),
            new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("Hel")),
            new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("lo")),
            new StreamEvent.BlockStop(0, 0),
            new StreamEvent.Finish(0, FinishReason.STOP),
            new StreamEvent.UsageUpdate(new Usage(5, 2, 0, 0, 0)),
            new StreamEvent.MessageStop());

    @Test
    void sseFramingIsOneCrlfTerminatedDataEventPerChunk() {
        String wire = GeminiFixtures.encode(TEXT, true);

        assertThat(wire).startsWith("data: {").endsWith("}\r\n\r\n");
        assertThat(GeminiFixtures.parseSse(wire)).hasSize(3);
    }

    @Test
    void arrayFramingIsOneJsonArrayOfChunks() {
        String wire = GeminiFixtures.encode(TEXT, false);

        assertThat(wire).startsWith("[{").contains("},\r\n{").endsWith("}]");
        assertThat(Json.tryParse(wire).orElseThrow()).hasSize(3);
    }

    @Test
    void everyChunkCarriesTheModelVersionAndResponseId() {
        JsonNode chunks = Json.tryParse(GeminiFixtures.encode(TEXT, false)).orElseThrow();

        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("modelVersion").asString()).isEqualTo("gpt-4o");
            assertThat(chunk.path("responseId").asString()).isEqualTo("r1");
        });
    }

    @Test
    void usageReportedAfterTheFinishReachesTheFinalChunkWithTheFinishReason() {
        JsonNode last = Json.tryParse(GeminiFixtures.encode(TEXT, false)).orElseThrow().get(2);

        assertThat(last.at("/candidates/0/finishReason").asString()).isEqualTo("STOP");
        assertThat(last.at("/usageMetadata/promptTokenCount").asLong()).isEqualTo(5);
        assertThat(last.at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(7);
    }

    @Test
    void toolArgumentsAreBufferedIntoOneFunctionCallChunkWhenTheBlockStops() {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder(true);
        encoder.encode(new StreamEvent.MessageStart("r", "m", 0, Usage.ZERO));
        encoder.encode(new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.ToolCall("call_1", "f")));

        assertThat(encoder.encode(new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Arguments("{\"a\"")))).isEmpty();
        assertThat(encoder.encode(new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Arguments(":1}")))).isEmpty();
        String frame = encoder.encode(new StreamEvent.BlockStop(0, 0));

        JsonNode part = Json.tryParse(GeminiFixtures.parseSse(frame).getFirst().data()).orElseThrow()
                .at("/candidates/0/content/parts/0");
        assertThat(part.path("functionCall").path("name").asString()).isEqualTo("f");
        assertThat(part.path("functionCall").path("args").path("a").asInt()).isEqualTo(1);
    }

    @Test
    void aStreamErrorIsTheLastElementAndNothingFollows() {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder(false);
        encoder.encode(TEXT.get(0));
        String text = encoder.encode(TEXT.get(2));

        String error = encoder.encode(new StreamEvent.StreamError(new GatewayError.Unavailable("overloaded",
                Optional.empty())));

        JsonNode array = Json.tryParse(text + error).orElseThrow();
        assertThat(array).hasSize(2);
        assertThat(array.get(1).at("/error/status").asString()).isEqualTo("UNAVAILABLE");
        assertThat(array.get(1).at("/error/code").asInt()).isEqualTo(503);
        assertThat(encoder.encode(new StreamEvent.MessageStop())).isEmpty();
    }

    @Test
    void aStreamThatStopsWithoutAFinishEndsWithStop() {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder(false);
        StringBuilder wire = new StringBuilder();
        TEXT.stream().filter(e -> !(e instanceof StreamEvent.Finish)).forEach(e -> wire.append(encoder.encode(e)));

        JsonNode last = Json.tryParse(wire.toString()).orElseThrow().get(2);
        assertThat(last.at("/candidates/0/finishReason").asString()).isEqualTo("STOP");
    }

    @Test
    void aSignatureIsAttachedToTheNextPartOfItsCandidate() {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder(true);
        encoder.encode(new StreamEvent.MessageStart("r", "m", 0, Usage.ZERO));
        encoder.encode(new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Thinking()));
        encoder.encode(new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Signature("jn1.gemini.c2ln")));
        encoder.encode(new StreamEvent.BlockStop(0, 0));
        encoder.encode(new StreamEvent.BlockStart(0, 1, new StreamEvent.Block.Text()));

        String frame = encoder.encode(new StreamEvent.BlockDelta(0, 1, new StreamEvent.Delta.Text("Hi")));

        JsonNode part = Json.tryParse(GeminiFixtures.parseSse(frame).getFirst().data()).orElseThrow()
                .at("/candidates/0/content/parts/0");
        assertThat(part.path("thoughtSignature").asString()).isEqualTo("c2ln");
    }

    @Test
    void eachChoiceIsACandidateWithItsIndex() {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder(false);
        StringBuilder wire = new StringBuilder();
        List.of(new StreamEvent.MessageStart("r", "m", 0, Usage.ZERO),
                new StreamEvent.BlockStart(1, 0, new StreamEvent.Block.Text()),
                new StreamEvent.BlockDelta(1, 0, new StreamEvent.Delta.Text("B")),
                new StreamEvent.Finish(0, FinishReason.LENGTH),
                new StreamEvent.Finish(1, FinishReason.STOP),
                new StreamEvent.MessageStop()).forEach(e -> wire.append(encoder.encode(e)));

        JsonNode chunks = Json.tryParse(wire.toString()).orElseThrow();
        assertThat(chunks.at("/0/candidates/0/index").asInt()).isEqualTo(1);
        assertThat(chunks.at("/1/candidates/0/finishReason").asString()).isEqualTo("MAX_TOKENS");
        assertThat(chunks.at("/1/candidates/1/index").asInt()).isEqualTo(1);
    }
}
