package dev.junction.it.plugins;

import dev.junction.extension.Candidate;
import dev.junction.extension.ExtensionHooks;
import dev.junction.extension.ExtensionManifest;
import dev.junction.extension.Hook;
import dev.junction.extension.RequestDecision;
import dev.junction.extension.RequestSummary;
import dev.junction.extension.StreamAction;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Message;
import dev.junction.model.StreamEvent;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test extension with every hook: rewrites "classified" in the last user message, refuses prompts containing
 * "refuse me" with a 403, leaves out deployments tagged {@code avoid}, shouts the streamed answers of the route
 * {@code shout} and signs its complete answers, and keeps every finished request's summary.
 */
public final class ProbeExtension implements dev.junction.extension.JunctionExtension {

    /** The summaries of finished requests, newest last. */
    public static final Queue<RequestSummary> FINISHED = new ConcurrentLinkedQueue<>();

    @Override
    public ExtensionManifest manifest() {
        return ExtensionManifest.of("probe", "1.0.0", Set.of(Hook.REQUEST, Hook.ROUTING, Hook.RESPONSE,
                Hook.STREAM_EVENT, Hook.FINISHED));
    }

    @Override
    public ExtensionHooks start(ObjectNode settings) {
        String word = settings.path("hide").asString("classified");
        return ExtensionHooks.builder()
                .onRequest((info, request) -> {
                    String last = request.lastUserText();
                    if (last.contains("refuse me")) {
                        return RequestDecision.refuse(403, "The probe refuses this prompt.");
                    }
                    if (!last.contains(word)) {
                        return RequestDecision.proceed();
                    }
                    List<Message> messages = request.messages().stream().map(m -> new Message(m.role(),
                            m.content().stream().map(p -> p instanceof ContentPart.Text(String t)
                                    ? (ContentPart) new ContentPart.Text(t.replace(word, "[withheld]")) : p).toList(),
                            m.name())).toList();
                    return RequestDecision.rewrite(request.withMessages(messages));
                })
                .onRouting((info, group, candidates) -> candidates.stream()
                        .filter((Candidate c) -> !c.tags().contains("avoid")).toList())
                .onStreamEvent(info -> event -> {
                    if (!info.route().equals("shout")) {
                        return StreamAction.pass();
                    }
                    if (event instanceof StreamEvent.BlockDelta(int c, int i, StreamEvent.Delta.Text t)) {
                        return StreamAction.replace(List.of(new StreamEvent.BlockDelta(c, i,
                                new StreamEvent.Delta.Text(t.text().toUpperCase(Locale.ROOT)))));
                    }
                    return StreamAction.pass();
                })
                .onResponse((info, response) -> info.route().equals("shout") ? signed(response) : response)
                .onFinished(FINISHED::add)
                .build();
    }

    private static ChatResponse signed(ChatResponse response) {
        List<Choice> choices = response.choices().stream().map(c -> new Choice(c.index(),
                new Message(c.message().role(), List.of(new ContentPart.Text(c.message().joinedText() + " [probed]")),
                        c.message().name()), c.finishReason(), c.logprobs())).toList();
        return new ChatResponse(response.id(), response.model(), response.created(), choices, response.usage(),
                response.extensions());
    }
}
