package dev.junction.stage.guard;

import dev.junction.dialect.DialectCodecs;
import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.StreamEvent;
import dev.junction.pipeline.Reply;
import dev.junction.upstream.UpstreamReply;
import dev.junction.config.GuardPolicy;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The output policies on a complete answer to a request that did not stream: every text part and tool call's
 * arguments go through an {@link OutputGuard} whole; the answer is then written from its canonical form (the fast path's bytes would carry the
 * unmasked text), or refused when a policy blocks it.
 */
final class CompleteGuard {

    private CompleteGuard() {
    }

    static Reply check(Reply.Chat chat, OutputGuard guard) {
        ChatResponse response;
        switch (chat.reply()) {
            case UpstreamReply.Complete c -> response = canonical(c);
            case UpstreamReply.Synthesized s -> response = s.response();
            default -> {
                return chat;
            }
        }
        List<Choice> choices = new ArrayList<>(response.choices().size());
        for (Choice choice : response.choices()) {
            List<ContentPart> parts = new ArrayList<>(choice.message().content().size());
            int index = 0;
            for (ContentPart part : choice.message().content()) {
                if (part instanceof ContentPart.Text(String text)) {
                    Collected guarded = guarded(guard, choice.index(), index, text);
                    if (guarded.error != null) {
                        return new Reply.Refused(guarded.error);
                    }
                    parts.add(new ContentPart.Text(guarded.text.toString()));
                } else if (part instanceof ContentPart.ToolCall call) {
                    Collected guarded = guardedCall(guard, choice.index(), index, call);
                    if (guarded.error != null) {
                        return new Reply.Refused(guarded.error);
                    }
                    parts.add(new ContentPart.ToolCall(call.id(), call.name(), guarded.text.toString()));
                } else {
                    parts.add(part);
                }
                index++;
            }
            Message m = choice.message();
            choices.add(new Choice(choice.index(), new Message(m.role(), parts, m.name()), choice.finishReason(),
                    choice.logprobs()));
        }
        ChatResponse guarded = new ChatResponse(response.id(), response.model(), response.created(), choices,
                response.usage(), response.extensions());
        UpstreamReply reply = chat.reply() instanceof UpstreamReply.Synthesized s ? s.with(guarded)
                : new UpstreamReply.Synthesized(guarded, chat.reply().dropped());
        return new Reply.Chat(reply, chat.writer(), chat.transforms());
    }

    /**
     * The external guards of {@code policies} on a complete answer ({@link #check}'s result): its text parts are sent
     * at once; the answer is refused, passed with the texts masked, or passed as it is.
     */
    static Future<Reply> remote(Reply.Chat chat, RemoteScan scan, List<GuardPolicy> policies,
                                GuardResults results) {
        if (!(chat.reply() instanceof UpstreamReply.Synthesized synthesized)) {
            return Future.succeededFuture(chat);
        }
        ChatResponse response = synthesized.response();
        List<String> texts = new ArrayList<>();
        response.choices().forEach(c -> c.message().content().forEach(part -> {
            if (part instanceof ContentPart.Text(String text)) {
                texts.add(text);
            }
        }));
        return scan.run(policies, texts).map(result -> {
            results.addAll(result.hits());
            if (result.refusal().isPresent()) {
                return new Reply.Refused(result.refusal().get());
            }
            if (!result.changed(texts)) {
                return chat;
            }
            Iterator<String> masked = result.texts().iterator();
            List<Choice> choices = response.choices().stream().map(c -> {
                List<ContentPart> parts = c.message().content().stream().map(part -> part instanceof ContentPart.Text
                        ? (ContentPart) new ContentPart.Text(masked.next()) : part).toList();
                Message m = c.message();
                return new Choice(c.index(), new Message(m.role(), parts, m.name()), c.finishReason(), c.logprobs());
            }).toList();
            ChatResponse guarded = new ChatResponse(response.id(), response.model(), response.created(), choices,
                    response.usage(), response.extensions());
            return new Reply.Chat(synthesized.with(guarded), chat.writer(), chat.transforms());
        });
    }

    /** The JSON-schema checks on a complete answer ({@link #check}'s result): refused, or passed as it is. */
    static Reply schemas(Reply.Chat chat, SchemaCheck check, GuardResults results) {
        if (!(chat.reply() instanceof UpstreamReply.Synthesized synthesized)) {
            return chat;
        }
        List<String> texts = new ArrayList<>();
        List<ContentPart.ToolCall> calls = new ArrayList<>();
        for (Choice choice : synthesized.response().choices()) {
            StringBuilder text = new StringBuilder();
            boolean any = false;
            for (ContentPart part : choice.message().content()) {
                switch (part) {
                    case ContentPart.Text(String t) -> {
                        text.append(t);
                        any = true;
                    }
                    case ContentPart.ToolCall call -> calls.add(call);
                    default -> { }
                }
            }
            if (any) {
                texts.add(text.toString());
            }
        }
        SchemaCheck.Outcome outcome = check.check(new SchemaCheck.Answer(texts, calls));
        results.addAll(outcome.hits());
        return outcome.refusal().<Reply>map(Reply.Refused::new).orElse(chat);
    }

    /** What the guard let through of one text part, or the error it ended with. */
    private static final class Collected implements Consumer<StreamEvent> {
        private final StringBuilder text = new StringBuilder();
        private GatewayError error;

        @Override
        public void accept(StreamEvent event) {
            switch (event) {
                case StreamEvent.BlockDelta(int c, int i, StreamEvent.Delta.Text t) -> text.append(t.text());
                case StreamEvent.BlockDelta(int c, int i, StreamEvent.Delta.Arguments a) -> text.append(a.fragment());
                case StreamEvent.StreamError e -> error = e.error();
                default -> { }
            }
        }
    }

    private static Collected guarded(OutputGuard guard, int choice, int index, String text) {
        Collected collected = new Collected();
        guard.onEvent(new StreamEvent.BlockDelta(choice, index, new StreamEvent.Delta.Text(text)), collected);
        guard.onEvent(new StreamEvent.BlockStop(choice, index), collected);
        return collected;
    }

    private static Collected guardedCall(OutputGuard guard, int choice, int index, ContentPart.ToolCall call) {
        Collected collected = new Collected();
        guard.onEvent(new StreamEvent.BlockStart(choice, index, new StreamEvent.Block.ToolCall(call.id(),
                call.name())), collected);
        guard.onEvent(new StreamEvent.BlockDelta(choice, index, new StreamEvent.Delta.Arguments(call.arguments())),
                collected);
        guard.onEvent(new StreamEvent.BlockStop(choice, index), collected);
        return collected;
    }

    private static ChatResponse canonical(UpstreamReply.Complete c) {
        JsonNode body = Json.tryParse(c.raw().getBytes()).orElseThrow(() -> new GatewayException(
                new GatewayError.BadGateway("The upstream returned a body that is not JSON.", false)));
        return DialectCodecs.of(c.dialect()).responseToCanonical(body);
    }
}
