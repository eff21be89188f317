package dev.junction.dialect.responses;

import static dev.junction.dialect.responses.ResponsesFixtures.decode;
import static dev.junction.dialect.responses.ResponsesFixtures.encodeToText;
import static dev.junction.dialect.responses.ResponsesFixtures.parseSse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.StreamEvent;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.TokenLogprob;
import dev.junction.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the encoder writes, the decoder reads back as the same blocks, and the SDK rebuilds as the same answer. */
class ResponsesStreamRoundTripTest {

    private static final String OPENAI_REASONING = ThoughtSignature.tag(Dialect.OPENAI_RESPONSES, "rs_1:gAAAA-x");

    /** Thinking, text with log probabilities, a refusal, two calls: every block kind, indexes from 0. */
    private static final List<StreamEvent> EVENTS = List.of(
            new StreamEvent.MessageStart("resp_rt", "gpt-5", 1_700_000_000L, Usage.ZERO),
            new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Thinking()),
            new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Thinking("Plan.")),
            new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Signature(OPENAI_REASONING)),
            new StreamEvent.BlockStop(0, 0),
            new StreamEvent.BlockStart(0, 1, new StreamEvent.Block.Text()),
            new StreamEvent.BlockDelta(0, 1, new StreamEvent.Delta.Text("Hi", List.of(new TokenLogprob("Hi", -0.25,
                    Optional.of(List.of(72, 105)), List.of())))),
            new StreamEvent.BlockStop(0, 1),
            new StreamEvent.BlockStart(0, 2, new StreamEvent.Block.Refusal()),
            new StreamEvent.BlockDelta(0, 2, new StreamEvent.Delta.Refusal("Not that.")),
            new StreamEvent.BlockStop(0, 2),
            new StreamEvent.BlockStart(0, 3, new StreamEvent.Block.ToolCall("call_a", "f")),
            new StreamEvent.BlockDelta(0, 3, new StreamEvent.Delta.Arguments("{\"x\":")),
            new StreamEvent.BlockDelta(0, 3, new StreamEvent.Delta.Arguments("1}")),
            new StreamEvent.BlockStop(0, 3),
            new StreamEvent.BlockStart(0, 4, new StreamEvent.Block.ToolCall("call_b", "g")),
            new StreamEvent.BlockDelta(0, 4, new StreamEvent.Delta.Arguments("{}")),
            new StreamEvent.BlockStop(0, 4),
            new StreamEvent.Finish(0, FinishReason.TOOL_CALLS),
            new StreamEvent.UsageUpdate(new Usage(10, 20, 4, 0, 5)),
            new StreamEvent.MessageStop());

    private static String encoded() {
        return encodeToText(new ResponsesStreamEncoder(ResponsesEcho.defaults(), ReasoningSeal.PLAIN), EVENTS);
    }

    @Test
    void theDecoderReadsBackEveryBlockTheEncoderWrote() {
        List<StreamEvent> decoded = decode(parseSse(Buffer.buffer(encoded())));

        assertThat(decoded).isEqualTo(EVENTS);
    }

    @Test
    void theSdkRebuildsTextRefusalCallsAndReasoningFromTheDeltas() {
        ResponsesSdk.Accumulated sdk = ResponsesSdk.accumulate(parseSse(Buffer.buffer(encoded())));

        assertThat(sdk.reconstructed().get("output")).isEqualTo(sdk.terminal().get("output"));
        assertThat(sdk.reconstructed().at("/output/0/encrypted_content").stringValue()).isEqualTo("gAAAA-x");
        assertThat(sdk.reconstructed().at("/output/1/content/0/logprobs/0/logprob").doubleValue()).isEqualTo(-0.25);
        assertThat(sdk.reconstructed().at("/output/1/content/1/refusal").stringValue()).isEqualTo("Not that.");
        assertThat(sdk.reconstructed().at("/output/3/arguments").stringValue()).isEqualTo("{}");
        assertThat(sdk.terminal().at("/usage/input_tokens_details/cached_tokens").intValue()).isEqualTo(4);
    }
}
