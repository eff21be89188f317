package dev.junction.cache;

import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Extensions;
import dev.junction.model.FinishReason;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Folds a canonical event stream back into the complete answer it streamed (the inverse of
 * {@code StreamEvents.of}): text, tool calls, thinking and refusals per choice and block, the finish reasons and the
 * last usage reported. {@link #response} is empty unless the stream ended with {@link StreamEvent.MessageStop} and no
 * error: a cut or failed stream is never an answer. One instance per stream; not thread safe.
 */
public final class ResponseAssembler {

    /** One block being assembled. */
    private static final class Block {
        final StreamEvent.Block kind;
        final StringBuilder text = new StringBuilder();
        String signature;

        Block(StreamEvent.Block kind) {
            this.kind = kind;
        }

        ContentPart part() {
            return switch (kind) {
                case StreamEvent.Block.Text t -> new ContentPart.Text(text.toString());
                case StreamEvent.Block.ToolCall c -> new ContentPart.ToolCall(c.id(), c.name(), text.toString());
                case StreamEvent.Block.Thinking th -> new ContentPart.Thinking(text.toString(),
                        Optional.ofNullable(signature), false);
                case StreamEvent.Block.Refusal r -> new ContentPart.Refusal(text.toString());
            };
        }
    }

    private final Map<Integer, Map<Integer, Block>> choices = new TreeMap<>();
    private final Map<Integer, FinishReason> finishes = new TreeMap<>();
    private String id = "";
    private String model = "";
    private long created;
    private Usage usage = Usage.ZERO;
    private boolean stopped;
    private boolean failed;

    /** Takes the next event. */
    public void accept(StreamEvent event) {
        switch (event) {
            case StreamEvent.MessageStart s -> {
                id = s.id();
                model = s.model();
                created = s.created();
                usage = s.usage();
            }
            case StreamEvent.BlockStart b -> choices.computeIfAbsent(b.choice(), c -> new TreeMap<>())
                    .put(b.index(), new Block(b.block()));
            case StreamEvent.BlockDelta d -> delta(d);
            case StreamEvent.BlockStop s -> { }
            case StreamEvent.Finish f -> {
                finishes.put(f.choice(), f.reason());
                choices.computeIfAbsent(f.choice(), c -> new TreeMap<>());
            }
            case StreamEvent.UsageUpdate u -> usage = u.usage();
            case StreamEvent.MessageStop m -> stopped = true;
            case StreamEvent.StreamError e -> failed = true;
        }
    }

    private void delta(StreamEvent.BlockDelta d) {
        Block block = choices.getOrDefault(d.choice(), Map.of()).get(d.index());
        if (block == null) {
            failed = true; // a delta without its block: not an answer we can rebuild faithfully
            return;
        }
        switch (d.delta()) {
            case StreamEvent.Delta.Text t -> block.text.append(t.text());
            case StreamEvent.Delta.Arguments a -> block.text.append(a.fragment());
            case StreamEvent.Delta.Thinking th -> block.text.append(th.text());
            case StreamEvent.Delta.Signature s -> block.signature = s.signature();
            case StreamEvent.Delta.Refusal r -> block.text.append(r.text());
        }
    }

    /** The complete answer, if the stream finished well. */
    public Optional<ChatResponse> response() {
        if (!stopped || failed || choices.isEmpty()) {
            return Optional.empty();
        }
        List<Choice> out = new ArrayList<>();
        choices.forEach((index, blocks) -> {
            List<ContentPart> parts = blocks.values().stream().map(Block::part).toList();
            out.add(new Choice(index, new Message(Role.ASSISTANT, parts, Optional.empty()),
                    Optional.ofNullable(finishes.get(index)), List.of()));
        });
        return Optional.of(new ChatResponse(id, model, created, out, usage, Extensions.none()));
    }
}
