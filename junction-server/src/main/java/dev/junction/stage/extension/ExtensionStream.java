package dev.junction.stage.extension;

import dev.junction.extension.Hook;
import dev.junction.extension.RequestInfo;
import dev.junction.extension.StreamAction;
import dev.junction.extension.StreamHook;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.StreamEvent;
import dev.junction.pipeline.StreamTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The extensions' stream hooks on one streamed answer: every canonical event passes through each active hook in
 * order (what one passes or puts in its place goes to the next), then downstream. {@link StreamAction.End} ends the
 * stream with an error event in the client's dialect; a failing hook is skipped for that event (fail-open) or ends the
 * stream with the 503's error (fail-closed). After the end, events are dropped. One per stream, on its event loop.
 */
final class ExtensionStream implements StreamTransform {

    /** The error code of a stream an extension ended, in the dialects that carry one. */
    static final String ENDED_CODE = "extension_ended";

    private record Opened(RunningExtension extension, StreamHook.EventHandler handler) {
    }

    private final List<Opened> handlers;
    private final String requestId;
    private boolean ended;

    private ExtensionStream(List<Opened> handlers, String requestId) {
        this.handlers = handlers;
        this.requestId = requestId;
    }

    /**
     * Opens each active extension's handler for the stream; empty when none opened. Throws a
     * {@link GatewayException} when a fail-closed extension could not open one.
     */
    static Optional<StreamTransform> open(List<RunningExtension> extensions, RequestInfo info) {
        List<Opened> handlers = new ArrayList<>(extensions.size());
        for (RunningExtension extension : extensions) {
            if (!extension.active()) {
                continue;
            }
            HookRunner.inline(extension, Hook.STREAM_EVENT, info.requestId(),
                    () -> extension.hooks().stream().orElseThrow().open(info))
                    .ifPresent(handler -> handlers.add(new Opened(extension, handler)));
        }
        return handlers.isEmpty() ? Optional.empty() : Optional.of(new ExtensionStream(handlers, info.requestId()));
    }

    @Override
    public void onEvent(StreamEvent event, Consumer<StreamEvent> downstream) {
        if (!ended) {
            emit(0, event, downstream);
        }
    }

    private void emit(int index, StreamEvent event, Consumer<StreamEvent> downstream) {
        if (ended) {
            return;
        }
        if (index == handlers.size() || event instanceof StreamEvent.StreamError) {
            if (event instanceof StreamEvent.StreamError) {
                ended = true;
            }
            downstream.accept(event);
            return;
        }
        Opened opened = handlers.get(index);
        if (!opened.extension().active()) {
            emit(index + 1, event, downstream);
            return;
        }
        Optional<StreamAction> action;
        try {
            action = HookRunner.inline(opened.extension(), Hook.STREAM_EVENT, requestId,
                    () -> opened.handler().onEvent(event));
        } catch (GatewayException closed) {
            emit(handlers.size(), new StreamEvent.StreamError(closed.error()), downstream);
            return;
        }
        switch (action.orElse(StreamAction.pass())) {
            case StreamAction.Pass p -> emit(index + 1, event, downstream);
            case StreamAction.Replace r -> r.events().forEach(e -> emit(index + 1, e, downstream));
            case StreamAction.End end -> emit(handlers.size(), new StreamEvent.StreamError(
                    new GatewayError.InvalidRequest(end.message(), Optional.empty(), Optional.of(ENDED_CODE))),
                    downstream);
        }
    }
}
