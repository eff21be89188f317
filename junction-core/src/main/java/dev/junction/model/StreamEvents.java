package dev.junction.model;

import java.util.ArrayList;
import java.util.List;

/** Derivations between complete responses and event sequences. */
public final class StreamEvents {

    private StreamEvents() {}

    /**
     * The events a stream of this response would carry, text split into {@code pieces} as given by the caller's
     * splitter, for upstreams that answered a streaming request with a complete body and for in-process providers.
     */
    public static List<StreamEvent> of(ChatResponse response, java.util.function.Function<String, List<String>> pieces) {
        List<StreamEvent> out = new ArrayList<>();
        out.add(new StreamEvent.MessageStart(response.id(), response.model(), response.created(), Usage.ZERO));
        for (Choice choice : response.choices()) {
            int block = 0;
            for (ContentPart part : choice.message().content()) {
                switch (part) {
                    case ContentPart.Text t -> {
                        out.add(new StreamEvent.BlockStart(choice.index(), block, new StreamEvent.Block.Text()));
                        for (String piece : pieces.apply(t.text())) {
                            out.add(new StreamEvent.BlockDelta(choice.index(), block,
                                    new StreamEvent.Delta.Text(piece)));
                        }
                        out.add(new StreamEvent.BlockStop(choice.index(), block++));
                    }
                    case ContentPart.ToolCall call -> {
                        out.add(new StreamEvent.BlockStart(choice.index(), block,
                                new StreamEvent.Block.ToolCall(call.id(), call.name())));
                        out.add(new StreamEvent.BlockDelta(choice.index(), block,
                                new StreamEvent.Delta.Arguments(call.arguments())));
                        out.add(new StreamEvent.BlockStop(choice.index(), block++));
                    }
                    case ContentPart.Refusal r -> {
                        out.add(new StreamEvent.BlockStart(choice.index(), block, new StreamEvent.Block.Refusal()));
                        out.add(new StreamEvent.BlockDelta(choice.index(), block,
                                new StreamEvent.Delta.Refusal(r.text())));
                        out.add(new StreamEvent.BlockStop(choice.index(), block++));
                    }
                    case ContentPart.Thinking th -> {
                        out.add(new StreamEvent.BlockStart(choice.index(), block, new StreamEvent.Block.Thinking()));
                        out.add(new StreamEvent.BlockDelta(choice.index(), block,
                                new StreamEvent.Delta.Thinking(th.text())));
                        int thinkingBlock = block;
                        th.signature().ifPresent(sig -> out.add(new StreamEvent.BlockDelta(choice.index(),
                                thinkingBlock, new StreamEvent.Delta.Signature(sig))));
                        out.add(new StreamEvent.BlockStop(choice.index(), block++));
                    }
                    default -> { /* media and opaque blocks do not occur in model output */ }
                }
            }
            out.add(new StreamEvent.Finish(choice.index(), choice.finishReason().orElse(FinishReason.STOP)));
        }
        out.add(new StreamEvent.UsageUpdate(response.usage()));
        out.add(new StreamEvent.MessageStop());
        return out;
    }

    /** Splits text into words, each keeping its leading space, so that the pieces concatenate to the text. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == ' ' && text.charAt(i - 1) != ' ') {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }
}
