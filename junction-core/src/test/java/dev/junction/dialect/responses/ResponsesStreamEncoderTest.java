package dev.junction.dialect.responses;

import static dev.junction.dialect.responses.ResponsesFixtures.comparable;
import static dev.junction.dialect.responses.ResponsesFixtures.data;
import static dev.junction.dialect.responses.ResponsesFixtures.decode;
import static dev.junction.dialect.responses.ResponsesFixtures.encodeToText;
import static dev.junction.dialect.responses.ResponsesFixtures.events;
import static dev.junction.dialect.responses.ResponsesFixtures.json;
import static dev.junction.dialect.responses.ResponsesFixtures.parseSse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.ChatResponse;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.StreamEvents;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.Usage;
import dev.junction.upstream.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ResponsesStreamEncoderTest {

    private static List<SseEvent> encode(String requestFixture, List<StreamEvent> events) {
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(ResponsesEcho.of(json(requestFixture)),
                ReasoningSeal.PLAIN);
        return parseSse(Buffer.buffer(encodeToText(encoder, events)));
    }

    @Test
    void aTextReplyIsEncodedAsOpenAiStreamsIt() {
        List<SseEvent> written = encode("request.stream.json", decode(events("response.stream.sse")));

        assertThat(comparable(data(written))).isEqualTo(comparable(data(events("response.stream.sse"))));
    }

    @Test
    void aToolCallReplyIsEncodedAsOpenAiStreamsIt() {
        List<SseEvent> written = encode("request.tools.stream.json", decode(events("response.tools.stream.sse")));

        assertThat(comparable(data(written))).isEqualTo(comparable(data(events("response.tools.stream.sse"))));
    }

    @Test
    void sequenceNumbersCountEveryEventFromZero() {
        List<JsonNode> written = data(encode("request.tools.stream.json",
                decode(events("response.tools.stream.sse"))));

        for (int i = 0; i < written.size(); i++) {
            assertThat(written.get(i).path("sequence_number").intValue()).isEqualTo(i);
        }
    }

    @Test
    void theSdkAccumulatesAnEncodedStreamIntoItsNonStreamTwin() {
        for (String[] twin : new String[][] {{"response.stream.sse", "response.basic.json"},
                {"response.tools.stream.sse", "response.tools.json"}}) {
            String request = twin[0].startsWith("response.tools") ? "request.tools.stream.json"
                    : "request.stream.json";
            ResponsesSdk.Accumulated sdk = ResponsesSdk.accumulate(encode(request, decode(events(twin[0]))));

            JsonNode expected = comparable(ResponsesSdk.read(json(twin[1])));
            assertThat(comparable(sdk.terminal())).as(twin[0]).isEqualTo(expected);
            assertThat(comparable(sdk.reconstructed()).get("output")).as(twin[0]).isEqualTo(expected.get("output"));
        }
    }

    @Test
    void aReasoningReplyStreamsItsSummaryAndKeepsOpenAisItemIdAndEncryptedContent() {
        ChatResponse reasoning = ResponsesResponseMapper.toCanonical(json("response.reasoning.json"));

        List<SseEvent> written = encode("request.reasoning.json", StreamEvents.of(reasoning, StreamEvents::words));

        assertThat(written).extracting(SseEvent::event).containsSubsequence("response.created",
                "response.in_progress", "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
                "response.reasoning_summary_part.done", "response.output_item.done", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        JsonNode completed = data(written).getLast().get("response");
        assertThat(comparable(completed.get("output"))).isEqualTo(comparable(json("response.reasoning.json")
                .get("output")));
        assertThat(completed.at("/output/0/id").stringValue())
                .isEqualTo("rs_68ca94fad70c8190a8a055eb68b0aac70ecff94d4f220ceb");
        assertThat(ResponsesSdk.accumulate(written).reconstructed().at("/output/1/content/0/text").stringValue())
                .isEqualTo(completed.at("/output/1/content/0/text").stringValue());
    }

    @Test
    void anotherProvidersThinkingIsShownAsASummaryAndSealedWithItsSignature() {
        String signature = ThoughtSignature.tag(Dialect.ANTHROPIC, "EqQBCkgIARABGAIiQL");
        List<StreamEvent> events = List.of(new StreamEvent.MessageStart("msg_01", "claude-sonnet-4-5", 0, Usage.ZERO),
                new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Thinking()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Thinking("Let me ")),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Thinking("think.")),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Signature(signature)),
                new StreamEvent.BlockStop(0, 0),
                new StreamEvent.BlockStart(0, 1, new StreamEvent.Block.Text()),
                new StreamEvent.BlockDelta(0, 1, new StreamEvent.Delta.Text("42")),
                new StreamEvent.BlockStop(0, 1),
                new StreamEvent.Finish(0, FinishReason.STOP),
                new StreamEvent.UsageUpdate(new Usage(10, 20, 0, 0, 0)),
                new StreamEvent.MessageStop());

        List<JsonNode> written = data(encode("request.stream.json", events));

        JsonNode reasoning = written.getLast().at("/response/output/0");
        assertThat(reasoning.at("/summary/0/text").stringValue()).isEqualTo("Let me think.");
        assertThat(ReasoningSeal.PLAIN.open(reasoning.get("encrypted_content").stringValue()))
                .hasValue(new ContentPart.Thinking("Let me think.", Optional.of(signature), false));
        assertThat(written.getLast().path("response").path("id").stringValue()).isEqualTo("resp_msg01");
        assertThat(written.getLast().at("/response/usage/total_tokens").intValue()).isEqualTo(30);
    }

    @Test
    void aReplyCutByTheTokenLimitEndsWithResponseIncomplete() {
        List<StreamEvent> events = List.of(new StreamEvent.MessageStart("resp_x", "gpt-4.1", 1, Usage.ZERO),
                new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Text()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("Once upon")),
                new StreamEvent.Finish(0, FinishReason.LENGTH), new StreamEvent.MessageStop());

        List<JsonNode> written = data(encode("request.stream.json", events));

        JsonNode last = written.getLast();
        assertThat(last.path("type").stringValue()).isEqualTo("response.incomplete");
        assertThat(last.at("/response/status").stringValue()).isEqualTo("incomplete");
        assertThat(last.at("/response/incomplete_details/reason").stringValue()).isEqualTo("max_output_tokens");
        assertThat(last.at("/response/output/0/status").stringValue()).isEqualTo("incomplete");
        assertThat(last.at("/response/output/0/content/0/text").stringValue()).isEqualTo("Once upon");
    }

    @Test
    void aStreamErrorAfterTheStartIsAnErrorEventInOpenAisShape() {
        List<StreamEvent> events = decode(events("response.stream.error-event.sse"));

        List<JsonNode> written = data(encode("request.stream.json", events));

        JsonNode expected = data(events("response.stream.error-event.sse")).getLast().deepCopy();
        JsonNode actual = written.getLast().deepCopy();
        assertThat(actual.path("sequence_number").intValue()).isEqualTo(written.size() - 1);
        ((tools.jackson.databind.node.ObjectNode) expected).remove("sequence_number");
        ((tools.jackson.databind.node.ObjectNode) actual).remove("sequence_number");
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void nothingIsEncodedAfterAnError() {
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(ResponsesEcho.defaults(), ReasoningSeal.PLAIN);
        encoder.encode(new StreamEvent.StreamError(new GatewayError.Timeout("late")));

        assertThat(encoder.encode(new StreamEvent.MessageStop())).isEmpty();
    }

    @Test
    void theServerCanNameTheResponseAndReadTheCompletedResponse() {
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(ResponsesEcho.defaults(), ReasoningSeal.PLAIN,
                "resp_gateway1");

        encodeToText(encoder, decode(events("response.stream.sse")));

        assertThat(encoder.responseId()).isEqualTo("resp_gateway1");
        assertThat(encoder.completedResponse()).hasValueSatisfying(r -> {
            assertThat(r.path("id").stringValue()).isEqualTo("resp_gateway1");
            assertThat(r.at("/output/0/content/0/text").stringValue())
                    .isEqualTo("Hi there! How can I assist you today?");
        });
    }
}
