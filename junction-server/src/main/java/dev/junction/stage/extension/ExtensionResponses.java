package dev.junction.stage.extension;

import dev.junction.dialect.DialectCodecs;
import dev.junction.extension.Hook;
import dev.junction.extension.RequestInfo;
import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.pipeline.Reply;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The extensions' response hooks on a complete answer: read into its canonical form once, passed through each
 * active hook in order (blocking ones on the worker pool), and written from the canonical form when any hook
 * rewrote it; an answer no hook changed keeps its bytes. A fail-closed failure answers with the 503 instead.
 */
final class ExtensionResponses {

    private ExtensionResponses() {
    }

    static Future<Reply> apply(Reply.Chat chat, List<RunningExtension> extensions, RequestInfo info,
                               Context context) {
        ChatResponse response;
        try {
            response = switch (chat.reply()) {
                case UpstreamReply.Complete c -> canonical(c);
                case UpstreamReply.Synthesized s -> s.response();
                default -> null;
            };
        } catch (GatewayException e) {
            return Future.succeededFuture(new Reply.Refused(e.error()));
        }
        if (response == null) {
            return Future.succeededFuture(chat);
        }
        ChatResponse original = response;
        return step(0, response, extensions, info, context).<Reply>map(last -> last == original ? chat
                : new Reply.Chat(new UpstreamReply.Synthesized(last, chat.reply().dropped()), chat.writer(),
                        chat.transforms()))
                .recover(failed -> failed instanceof GatewayException e
                        ? Future.<Reply>succeededFuture(new Reply.Refused(e.error()))
                        : Future.<Reply>failedFuture(failed));
    }

    private static Future<ChatResponse> step(int index, ChatResponse response, List<RunningExtension> extensions,
                                             RequestInfo info, Context context) {
        if (index == extensions.size()) {
            return Future.succeededFuture(response);
        }
        RunningExtension extension = extensions.get(index);
        if (!extension.active()) {
            return step(index + 1, response, extensions, info, context);
        }
        return HookRunner.call(extension, Hook.RESPONSE, info.requestId(), context,
                        () -> extension.hooks().response().orElseThrow().onResponse(info, response))
                .compose(next -> step(index + 1, next.orElse(response), extensions, info, context));
    }

    private static ChatResponse canonical(UpstreamReply.Complete c) {
        JsonNode body = Json.tryParse(c.raw().getBytes()).orElseThrow(() -> new GatewayException(
                new GatewayError.BadGateway("The upstream returned a body that is not JSON.", false)));
        return DialectCodecs.of(c.dialect()).responseToCanonical(body);
    }
}
