package dev.junction.stage.guard;

import dev.junction.config.GuardPolicy;
import dev.junction.guard.Finding;
import dev.junction.guard.Redaction;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.pipeline.StreamTransform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The output policies on a streamed answer: text deltas of each block are held back by a small window
 * ({@value #HOLD_BACK} characters, and never cut inside a finding or a placeholder) so that an entity split across
 * chunks is seen whole; what leaves is masked ({@code redact}) and has the input's placeholders restored when the
 * policy asked for it. A {@code block} ends the stream with an error event in the client's dialect. Held text is
 * flushed at the end of its block and before the stream's finish. A tool call's arguments are held until their block
 * stops and checked whole (masked, restored, or blocking like text). One instance per request; runs on its event
 * loop.
 */
final class OutputGuard implements StreamTransform {

    /** Characters held back at the end of a block's text, the longest entity the window guarantees to see whole. */
    static final int HOLD_BACK = 64;

    private final PolicyScan scan;
    private final Optional<Redaction> restoring;
    private final GuardResults results;
    private final Redaction masks = new Redaction();
    private final Map<Long, StringBuilder> held = new HashMap<>(2);
    /** The arguments of tool calls, held whole until their block stops (they are short, and JSON). */
    private final Map<Long, StringBuilder> arguments = new HashMap<>(2);
    private boolean ended;

    OutputGuard(List<GuardPolicy> policies, Optional<Redaction> restoring, GuardResults results) {
        this.scan = new PolicyScan(policies, GuardPolicy.Direction.OUTPUT);
        this.restoring = restoring;
        this.results = results;
    }

    @Override
    public void onEvent(StreamEvent event, Consumer<StreamEvent> downstream) {
        if (ended) {
            return;
        }
        switch (event) {
            case StreamEvent.BlockDelta(int choice, int index, StreamEvent.Delta.Text text) -> {
                StringBuilder block = held.computeIfAbsent(key(choice, index), k -> new StringBuilder());
                block.append(text.text());
                release(choice, index, block, false, downstream);
            }
            case StreamEvent.BlockStart(int choice, int index, StreamEvent.Block.ToolCall call) -> {
                arguments.put(key(choice, index), new StringBuilder());
                downstream.accept(event);
            }
            case StreamEvent.BlockDelta(int choice, int index, StreamEvent.Delta.Arguments a)
                    when arguments.containsKey(key(choice, index)) ->
                    arguments.get(key(choice, index)).append(a.fragment());
            case StreamEvent.BlockStop stop -> {
                StringBuilder block = held.remove(key(stop.choice(), stop.index()));
                if (block != null) {
                    release(stop.choice(), stop.index(), block, true, downstream);
                }
                StringBuilder args = arguments.remove(key(stop.choice(), stop.index()));
                if (args != null) {
                    releaseArguments(stop.choice(), stop.index(), args.toString(), downstream);
                }
                pass(event, downstream);
            }
            case StreamEvent.Finish f -> {
                flushAll(downstream);
                pass(event, downstream);
            }
            case StreamEvent.MessageStop s -> {
                flushAll(downstream);
                pass(event, downstream);
            }
            default -> downstream.accept(event);
        }
    }

    private void pass(StreamEvent event, Consumer<StreamEvent> downstream) {
        if (!ended) {
            downstream.accept(event);
        }
    }

    private void flushAll(Consumer<StreamEvent> downstream) {
        for (var entry : new ArrayList<>(held.entrySet())) {
            held.remove(entry.getKey());
            release((int) (entry.getKey() >> 32), (int) (long) entry.getKey(), entry.getValue(), true, downstream);
        }
        for (var entry : new ArrayList<>(arguments.entrySet())) {
            arguments.remove(entry.getKey());
            releaseArguments((int) (entry.getKey() >> 32), (int) (long) entry.getKey(), entry.getValue().toString(),
                    downstream);
        }
    }

    /**
     * Sends a tool call's arguments, checked whole: masked where a policy redacts (placeholders are plain letters,
     * digits and underscores, so JSON stays JSON), or the stream ended where one blocks.
     */
    private void releaseArguments(int choice, int index, String args, Consumer<StreamEvent> downstream) {
        if (ended) {
            return;
        }
        List<Finding> redact = new ArrayList<>();
        for (PolicyScan.Judged j : scan.judge(args)) {
            scan.report(j);
            if (j.action() == GuardPolicy.Action.REDACT) {
                redact.add(j.finding());
            }
        }
        results.addAll(scan.hits());
        scan.forgetHits();
        if (scan.blocked()) {
            ended = true;
            downstream.accept(new StreamEvent.StreamError(new GatewayError.InvalidRequest(scan.blockMessage(),
                    Optional.empty(), Optional.of(GuardStage.BLOCKED_CODE))));
            return;
        }
        String released = masked(args, redact);
        if (!released.isEmpty()) {
            downstream.accept(new StreamEvent.BlockDelta(choice, index, new StreamEvent.Delta.Arguments(released)));
        }
    }

    /** Sends what of {@code block} is safe to send (all of it when {@code last}), blocking the stream if asked. */
    private void release(int choice, int index, StringBuilder block, boolean last, Consumer<StreamEvent> downstream) {
        if (ended) {
            return;
        }
        String text = block.toString();
        int cut = last ? text.length() : Math.max(0, text.length() - HOLD_BACK);
        List<PolicyScan.Judged> judged = scan.judge(text);
        for (PolicyScan.Judged j : judged) {
            if (j.finding().start() < cut && j.finding().end() > cut) {
                cut = j.finding().start();
            }
        }
        cut = notInsidePlaceholder(text, cut, last);
        List<Finding> redact = new ArrayList<>();
        for (PolicyScan.Judged j : judged) {
            if (j.finding().end() <= cut || j.action() == GuardPolicy.Action.BLOCK) {
                scan.report(j);
                if (j.action() == GuardPolicy.Action.REDACT) {
                    redact.add(j.finding());
                }
            }
        }
        results.addAll(scan.hits());
        scan.forgetHits();
        if (scan.blocked()) {
            ended = true;
            downstream.accept(new StreamEvent.StreamError(new GatewayError.InvalidRequest(scan.blockMessage(),
                    Optional.empty(), Optional.of(GuardStage.BLOCKED_CODE))));
            return;
        }
        if (cut == 0) {
            return;
        }
        String released = masked(text.substring(0, cut), redact);
        block.delete(0, cut);
        if (!released.isEmpty()) {
            downstream.accept(new StreamEvent.BlockDelta(choice, index, new StreamEvent.Delta.Text(released)));
        }
    }

    /** {@code text} with {@code redact}'s spans masked and, between them, the input's placeholders restored. */
    String masked(String text, List<Finding> redact) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : dev.junction.guard.CompositeDetector.withoutOverlaps(redact)) {
            if (f.start() < at) {
                continue;
            }
            out.append(restored(text.substring(at, f.start())));
            String value = text.substring(f.start(), f.end());
            out.append(masks.mask(value, List.of(new Finding(f.entityType(), 0, value.length(), f.confidence()))));
            at = f.end();
        }
        return out.append(restored(text.substring(at))).toString();
    }

    private String restored(String segment) {
        return restoring.map(r -> r.restore(segment)).orElse(segment);
    }

    /** Moves {@code cut} back to the start of a placeholder it would split. */
    private int notInsidePlaceholder(String text, int cut, boolean last) {
        if (last || restoring.isEmpty() || cut == 0) {
            return cut;
        }
        int open = text.lastIndexOf('[', cut - 1);
        if (open < 0 || text.indexOf(']', open) >= 0 && text.indexOf(']', open) < cut) {
            return cut;
        }
        return cut - open < restoring.get().longestPlaceholder() ? open : cut;
    }

    private static long key(int choice, int index) {
        return ((long) choice << 32) | (index & 0xFFFFFFFFL);
    }
}
