package dev.junction.cache;

import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Extensions;
import dev.junction.model.FinishReason;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.Usage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of a {@link CachedAnswer}: a small JSON document of its own (not any dialect's, so that every
 * dialect can be served from it), gzip-compressed for Redis. Only what a model answers with is kept: text, tool
 * calls, thinking (with its signature) and refusals; an answer with anything else ({@link #encode} empty) is not
 * cached. Response extensions and log probabilities are not kept. Stateless.
 */
public final class AnswerCodec {

    private AnswerCodec() {}

    /** The entry as JSON, or empty when its answer holds a part the cache does not keep. */
    public static Optional<byte[]> encode(CachedAnswer answer) {
        ChatResponse r = answer.response();
        ObjectNode root = Json.object().put("id", r.id()).put("model", r.model()).put("created", r.created())
                .put("metered_nanos", answer.meteredNanos()).put("stored_at", answer.storedAt().toEpochMilli())
                .put("expires_at", answer.expiresAt().toEpochMilli()).put("route", answer.route());
        Usage u = r.usage();
        root.putObject("usage").put("input", u.inputTokens()).put("output", u.outputTokens())
                .put("cached_read", u.cachedReadTokens()).put("cache_write", u.cacheWriteTokens())
                .put("reasoning", u.reasoningTokens());
        ArrayNode choices = root.putArray("choices");
        for (Choice choice : r.choices()) {
            ObjectNode c = choices.addObject().put("index", choice.index())
                    .put("role", choice.message().role().name());
            choice.finishReason().ifPresent(f -> c.put("finish", f.name()));
            choice.message().name().ifPresent(n -> c.put("name", n));
            ArrayNode parts = c.putArray("parts");
            for (ContentPart part : choice.message().content()) {
                if (!part(parts.addObject(), part)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(Json.bytes(root));
    }

    private static boolean part(ObjectNode out, ContentPart part) {
        switch (part) {
            case ContentPart.Text t -> out.put("type", "text").put("text", t.text());
            case ContentPart.ToolCall c -> out.put("type", "tool_call").put("id", c.id()).put("name", c.name())
                    .put("arguments", c.arguments());
            case ContentPart.Thinking th -> {
                out.put("type", "thinking").put("text", th.text()).put("redacted", th.redacted());
                th.signature().ifPresent(s -> out.put("signature", s));
            }
            case ContentPart.Refusal r -> out.put("type", "refusal").put("text", r.text());
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Reads what {@link #encode} wrote; throws {@link IllegalArgumentException} for anything else. */
    public static CachedAnswer decode(byte[] bytes) {
        JsonNode root = Json.tryParse(bytes).orElseThrow(() -> new IllegalArgumentException("not JSON"));
        JsonNode u = root.path("usage");
        Usage usage = new Usage(u.path("input").asLong(), u.path("output").asLong(), u.path("cached_read").asLong(),
                u.path("cache_write").asLong(), u.path("reasoning").asLong());
        List<Choice> choices = new ArrayList<>();
        for (JsonNode c : root.path("choices")) {
            List<ContentPart> parts = new ArrayList<>();
            for (JsonNode p : c.path("parts")) {
                parts.add(switch (p.path("type").asString()) {
                    case "text" -> new ContentPart.Text(p.path("text").asString());
                    case "tool_call" -> new ContentPart.ToolCall(p.path("id").asString(), p.path("name").asString(),
                            p.path("arguments").asString());
                    case "thinking" -> new ContentPart.Thinking(p.path("text").asString(),
                            p.has("signature") ? Optional.of(p.path("signature").asString()) : Optional.empty(),
                            p.path("redacted").asBoolean());
                    case "refusal" -> new ContentPart.Refusal(p.path("text").asString());
                    default -> throw new IllegalArgumentException("unknown part " + p.path("type"));
                });
            }
            Message message = new Message(Role.valueOf(c.path("role").asString()), parts,
                    c.has("name") ? Optional.of(c.path("name").asString()) : Optional.empty());
            Optional<FinishReason> finish = c.has("finish")
                    ? Optional.of(FinishReason.valueOf(c.path("finish").asString())) : Optional.empty();
            choices.add(new Choice(c.path("index").asInt(), message, finish, List.of()));
        }
        ChatResponse response = new ChatResponse(root.path("id").asString(), root.path("model").asString(),
                root.path("created").asLong(), choices, usage, Extensions.none());
        return new CachedAnswer(response, root.path("metered_nanos").asLong(),
                Instant.ofEpochMilli(root.path("stored_at").asLong()),
                Instant.ofEpochMilli(root.path("expires_at").asLong()), root.path("route").asString());
    }

    /** {@code bytes} gzip-compressed. */
    public static byte[] compress(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 32);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** What {@link #compress} compressed. */
    public static byte[] decompress(byte[] bytes) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return gzip.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("not gzip", e);
        }
    }
}
