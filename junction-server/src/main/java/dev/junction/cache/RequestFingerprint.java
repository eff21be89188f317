package dev.junction.cache;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.MediaSource;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.Sampling;
import dev.junction.model.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes a {@link CacheKey}: SHA-256 over the scope, the route and public model, and every part of the canonical
 * request that changes the answer (messages with their roles and parts, tools, tool choice, parallel tool calls,
 * sampling, response format, reasoning, and the dialect extensions that travel to an upstream). What does not change
 * the answer is left out: {@code user}, {@code metadata}, the stream flag and whether usage is streamed, so a
 * streamed and a complete request share an entry, and so do the four client dialects when they ask the same thing.
 * Every value is written with a tag and its length, so no two different requests write the same bytes. Stateless.
 */
public final class RequestFingerprint {

    private final MessageDigest digest;

    private RequestFingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The key of {@code request} on {@code route} in {@code scope}. */
    public static CacheKey of(CacheScope scope, String route, ChatRequest request) {
        RequestFingerprint f = new RequestFingerprint();
        f.put("v", "1");
        return new CacheKey(f.request(scope, route, request, message -> true), scope);
    }

    /**
     * The semantic lookup's partition of {@code request}: everything of its key but the conversation's turns (its
     * system and developer instructions stay), and {@code lookup}, what makes vectors comparable (the embedding model
     * and which text it embeds). Requests found by meaning agree on all of it.
     */
    public static String context(CacheScope scope, String route, ChatRequest request, String lookup) {
        RequestFingerprint f = new RequestFingerprint();
        f.put("v", "semantic-1").put("lookup", lookup);
        return f.request(scope, route, request,
                message -> message.role() == Role.SYSTEM || message.role() == Role.DEVELOPER);
    }

    private String request(CacheScope scope, String route, ChatRequest request,
                           java.util.function.Predicate<Message> messages) {
        RequestFingerprint f = this;
        f.put("scope", scope.id()).put("route", route).put("model", request.model());
        for (Message message : request.messages()) {
            if (messages.test(message)) {
                f.message(message);
            }
        }
        for (ToolDefinition tool : request.tools()) {
            f.put("tool", tool.name()).put("tool.description", tool.description().orElse(""))
                    .put("tool.parameters", tool.parameters() == null ? "" : Json.write(tool.parameters()))
                    .put("tool.strict", String.valueOf(tool.strict()));
        }
        f.put("tool_choice", String.valueOf(request.toolChoice()))
                .put("parallel_tool_calls", String.valueOf(request.parallelToolCalls()))
                .sampling(request.sampling())
                .put("response_format", request.responseFormat().map(RequestFingerprint::format).orElse(""))
                .put("reasoning", String.valueOf(request.reasoning()));
        Map<Dialect, String> extensions = new TreeMap<>();
        request.extensions().byDialect().forEach((dialect, fields) -> extensions.put(dialect, Json.write(fields)));
        extensions.forEach((dialect, fields) -> f.put("extensions." + dialect, fields));
        return HexFormat.of().formatHex(f.digest.digest());
    }

    private static String format(dev.junction.model.ResponseFormat format) {
        return switch (format) {
            case dev.junction.model.ResponseFormat.JsonSchema s -> "json_schema:" + s.name() + ":"
                    + s.description().orElse("") + ":" + s.strict() + ":" + Json.write(s.schema());
            default -> format.toString();
        };
    }

    private RequestFingerprint sampling(Sampling s) {
        return put("max_tokens", String.valueOf(s.maxTokens())).put("temperature", String.valueOf(s.temperature()))
                .put("top_p", String.valueOf(s.topP())).put("top_k", String.valueOf(s.topK()))
                .put("stop", String.valueOf(s.stop().size())).stop(s)
                .put("seed", String.valueOf(s.seed())).put("presence", String.valueOf(s.presencePenalty()))
                .put("frequency", String.valueOf(s.frequencyPenalty())).put("n", String.valueOf(s.n()))
                .put("logprobs", String.valueOf(s.logprobs())).put("top_logprobs", String.valueOf(s.topLogprobs()));
    }

    private RequestFingerprint stop(Sampling s) {
        s.stop().forEach(stop -> put("stop.value", stop));
        return this;
    }

    private void message(Message message) {
        put("message", message.role().name()).put("message.name", message.name().orElse(""));
        for (ContentPart part : message.content()) {
            part(part);
        }
        put("message.end", "");
    }

    private void part(ContentPart part) {
        switch (part) {
            case ContentPart.Text t -> put("text", t.text());
            case ContentPart.Image i -> put("image", media(i.source())).put("image.detail", i.detail().orElse(""));
            case ContentPart.Audio a -> put("audio", media(a.source())).put("audio.format", a.format());
            case ContentPart.Document d -> put("document", media(d.source()))
                    .put("document.filename", d.filename().orElse(""));
            case ContentPart.ToolCall c -> put("tool_call", c.id()).put("tool_call.name", c.name())
                    .put("tool_call.arguments", c.arguments());
            case ContentPart.ToolResult r -> {
                put("tool_result", r.toolCallId()).put("tool_result.error", String.valueOf(r.isError()));
                r.content().forEach(this::part);
                put("tool_result.end", "");
            }
            case ContentPart.Thinking th -> put("thinking", th.text()).put("thinking.signature",
                    th.signature().orElse("")).put("thinking.redacted", String.valueOf(th.redacted()));
            case ContentPart.Refusal r -> put("refusal", r.text());
            case ContentPart.Opaque o -> put("opaque", o.dialect() + ":" + Json.write(o.raw()));
        }
    }

    private static String media(MediaSource source) {
        return switch (source) {
            case MediaSource.Base64 b -> "base64:" + b.mediaType() + ":" + b.data();
            case MediaSource.Url u -> "url:" + u.url();
            case MediaSource.FileRef f -> "file:" + f.id();
        };
    }

    /** Writes a tagged, length-prefixed value. */
    private RequestFingerprint put(String tag, String value) {
        bytes(tag.getBytes(StandardCharsets.UTF_8));
        bytes(value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    private void bytes(byte[] value) {
        int n = value.length;
        digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        digest.update(value);
    }
}
