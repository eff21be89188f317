package dev.junction.dialect.openai;

import static dev.junction.dialect.openai.OpenAiFixtures.decode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.StreamEvent.Block;
import dev.junction.model.StreamEvent.BlockDelta;
import dev.junction.model.StreamEvent.BlockStart;
import dev.junction.model.StreamEvent.BlockStop;
import dev.junction.model.StreamEvent.Delta;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiStreamDecoderTest {

    private static final String TOOL_ID_0 = "call_8fxy20OEu9ulvvaa5b5CzVA4";
    private static final String TOOL_ID_1 = "call_Xc4Aiih37EUJvqjoZlu4Vdoi";

    @Test
    void textStreamDecodesIntoOneTextBlockWithFinishUsageAndStop() {
        List<StreamEvent> events = decode(OpenAiFixtures.events("response.stream.sse"));

        List<StreamEvent> expected = new ArrayList<>();
        expected.add(new StreamEvent.MessageStart("chatcmpl-C4HqHBe4xca0k0EzsCnf1t6V3YFXp", "gpt-4o-mini-2024-07-18",
                1755137933L, Usage.ZERO));
        expected.add(new BlockStart(0, 0, new Block.Text()));
        for (String piece : List.of("Hello", "!", " How", " can", " I", " assist", " you", " today", "?")) {
            expected.add(new BlockDelta(0, 0, new Delta.Text(piece)));
        }
        expected.add(new BlockStop(0, 0));
        expected.add(new StreamEvent.Finish(0, FinishReason.STOP));
        expected.add(new StreamEvent.UsageUpdate(new Usage(19, 10, 0, 0, 0)));
        expected.add(new StreamEvent.MessageStop());
        assertThat(events).containsExactlyElementsOf(expected);
    }

    @Test
    void toolStreamDecodesIntoOneBlockPerCallClosedBeforeTheNextOpens() {
        List<StreamEvent> events = decode(OpenAiFixtures.events("response.tools.stream.sse"));

        List<StreamEvent> structure = events.stream().filter(e -> !(e instanceof BlockDelta)).toList();
        assertThat(structure).containsExactly(
                new StreamEvent.MessageStart("chatcmpl-C5tXqgVfYJq0kPzm1R3LwD2Hn8sTa", "gpt-4o-2024-08-06",
                        1755514512L, Usage.ZERO),
                new BlockStart(0, 0, new Block.ToolCall(TOOL_ID_0, "get_current_weather")),
                new BlockStop(0, 0),
                new BlockStart(0, 1, new Block.ToolCall(TOOL_ID_1, "get_current_weather")),
                new BlockStop(0, 1),
                new StreamEvent.Finish(0, FinishReason.TOOL_CALLS),
                new StreamEvent.UsageUpdate(new Usage(82, 51, 0, 0, 0)),
                new StreamEvent.MessageStop());
    }

    @Test
    void toolStreamArgumentFragmentsConcatenateToEachCallsArguments() {
        List<StreamEvent> events = decode(OpenAiFixtures.events("response.tools.stream.sse"));

        assertThat(argumentsByBlock(events)).containsExactly(
                Map.entry(0, "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"),
                Map.entry(1, "{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}"));
    }

    @Test
    void midStreamErrorDecodesToAStreamErrorCarryingTheUpstreamMessage() {
        List<StreamEvent> events = decode(OpenAiFixtures.events("response.stream.error-midstream.sse"));

        assertThat(events).last().isEqualTo(new StreamEvent.StreamError(new GatewayError.BadGateway(
                "The server had an error while processing your request. Sorry about that!", false)));
        assertThat(events).doesNotHaveAnyElementsOfTypes(StreamEvent.MessageStop.class);
        assertThat(events).contains(new BlockDelta(0, 0, new Delta.Text("Hello")));
    }

    @Test
    void midStreamErrorMessagesAreRedacted() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(Redactor.patternsOnly());

        List<StreamEvent> events = decoder.decode(
                "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-abcdefghijklmnop\",\"type\":null}}");

        assertThat(events).singleElement().isInstanceOfSatisfying(StreamEvent.StreamError.class,
                e -> assertThat(e.error().message()).doesNotContain("sk-proj").contains("[redacted]"));
    }

    @Test
    void doneMarkerEndsTheMessageAndClosesOpenBlocks() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(Redactor.patternsOnly());
        decoder.decode(chunk("{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}"));

        List<StreamEvent> events = decoder.decode("[DONE]");

        assertThat(events).containsExactly(new BlockStop(0, 0), new StreamEvent.MessageStop());
        assertThat(decoder.done()).isTrue();
    }

    @Test
    void dataThatIsNotJsonDecodesToAStreamError() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(Redactor.patternsOnly());

        assertThat(decoder.decode("{not json")).singleElement().isInstanceOf(StreamEvent.StreamError.class);
    }

    /** Keep-alive comments ({@code : OPENROUTER PROCESSING}) reach the decoder as events without data. */
    @Test
    void eventsWithoutDataDecodeToNothing() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(Redactor.patternsOnly());
        List<SseEvent> keepAlive = OpenAiFixtures.parseSse(Buffer.buffer(": OPENROUTER PROCESSING\n\n"));

        assertThat(keepAlive).singleElement().extracting(SseEvent::data).isEqualTo("");
        assertThat(decoder.decode(keepAlive.getFirst().data())).isEmpty();
    }

    @Test
    void fragmentsOfSeveralCallsInOneChunkAreAccumulatedByIndex() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(Redactor.patternsOnly());
        List<StreamEvent> events = new ArrayList<>();
        events.addAll(decoder.decode(chunk("{\"index\":0,\"delta\":{\"tool_calls\":["
                + "{\"index\":0,\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\"\"}},"
                + "{\"index\":1,\"id\":\"b\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"{\\\"y\\\"\"}}"
                + "]},\"finish_reason\":null}")));
        events.addAll(decoder.decode(chunk("{\"index\":0,\"delta\":{\"tool_calls\":["
                + "{\"index\":1,\"function\":{\"arguments\":\":2}\"}},"
                + "{\"index\":0,\"function\":{\"arguments\":\":1}\"}}"
                + "]},\"finish_reason\":\"tool_calls\"}")));

        assertThat(argumentsByBlock(events)).containsExactly(Map.entry(0, "{\"x\":1}"), Map.entry(1, "{\"y\":2}"));
        assertThat(events).filteredOn(BlockStart.class::isInstance).containsExactly(
                new BlockStart(0, 0, new Block.ToolCall("a", "f")), new BlockStart(0, 1, new Block.ToolCall("b", "g")));
    }

    @Test
    void choicesOfAnNTwoStreamGetTheirOwnBlocksAndFinishes() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(Redactor.patternsOnly());
        List<StreamEvent> events = new ArrayList<>();
        events.addAll(decoder.decode(chunk("{\"index\":0,\"delta\":{\"content\":\"A\"},\"finish_reason\":null}")));
        events.addAll(decoder.decode(chunk("{\"index\":1,\"delta\":{\"content\":\"B\"},\"finish_reason\":null}")));
        events.addAll(decoder.decode(chunk("{\"index\":1,\"delta\":{},\"finish_reason\":\"length\"}")));
        events.addAll(decoder.decode(chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}")));

        assertThat(events).filteredOn(e -> !(e instanceof StreamEvent.MessageStart)).containsExactly(
                new BlockStart(0, 0, new Block.Text()), new BlockDelta(0, 0, new Delta.Text("A")),
                new BlockStart(1, 0, new Block.Text()), new BlockDelta(1, 0, new Delta.Text("B")),
                new BlockStop(1, 0), new StreamEvent.Finish(1, FinishReason.LENGTH),
                new BlockStop(0, 0), new StreamEvent.Finish(0, FinishReason.STOP));
    }

    @Test
    void chunkLogprobsRideOnTheTextDelta() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(Redactor.patternsOnly());

        List<StreamEvent> events = decoder.decode(chunk("{\"index\":0,\"delta\":{\"content\":\"Hi\"},"
                + "\"logprobs\":{\"content\":[{\"token\":\"Hi\",\"logprob\":-0.5,\"bytes\":[72,105],"
                + "\"top_logprobs\":[]}],\"refusal\":null},\"finish_reason\":null}"));

        assertThat(events).last().isInstanceOfSatisfying(BlockDelta.class, d ->
                assertThat(d.delta()).isInstanceOfSatisfying(Delta.Text.class, t -> {
                    assertThat(t.text()).isEqualTo("Hi");
                    assertThat(t.logprobs()).singleElement().satisfies(lp -> {
                        assertThat(lp.token()).isEqualTo("Hi");
                        assertThat(lp.logprob()).isEqualTo(-0.5);
                    });
                }));
    }

    /** The concatenated argument fragments of every tool-call block, by block index. */
    static Map<Integer, String> argumentsByBlock(List<StreamEvent> events) {
        Map<Integer, StringBuilder> byBlock = new LinkedHashMap<>();
        for (StreamEvent e : events) {
            if (e instanceof BlockStart(_, int index, Block.ToolCall _)) {
                byBlock.put(index, new StringBuilder());
            } else if (e instanceof BlockDelta(_, int index, Delta.Arguments(String fragment))) {
                byBlock.get(index).append(fragment);
            }
        }
        Map<Integer, String> out = new LinkedHashMap<>();
        byBlock.forEach((k, v) -> out.put(k, v.toString()));
        out.values().forEach(args -> assertThat(Json.tryParse(args)).as("valid JSON: %s", args).isPresent());
        return out;
    }

    private static String chunk(String choice) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[" + choice + "]}";
    }
}
