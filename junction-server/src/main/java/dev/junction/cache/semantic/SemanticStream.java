package dev.junction.cache.semantic;

import dev.junction.cache.AnswerCodec;
import dev.junction.cache.CacheScope;
import dev.junction.cluster.LuaScript;
import dev.junction.cluster.RedisEndpoint;
import dev.junction.cluster.RedisScripts;
import dev.junction.json.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;

/**
 * The semantic entries the replicas share, as one Redis stream ({@code <prefix>semantic}, trimmed to about the
 * index's bound): each replica appends what it stores (the entry: id, scope, partition, vector and answer with its
 * expiry, gzip-compressed) and the scopes it drops, and reads what the others appended after the last message it
 * read, into its own index. Scripts through the gateway's Lettuce plumbing ({@link RedisScripts}); reads are polled
 * (a script cannot block), a few times a second. Thread safe.
 */
public final class SemanticStream implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int BATCH = 200;
    private static final LuaScript APPEND = LuaScript.of("semantic-append", """
            return {redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', ARGV[2], ARGV[3])}""");
    /** Messages after ARGV[1] (exclusive; '-' for all), at most ARGV[2]: a flat list of id, field, value. */
    private static final LuaScript READ = LuaScript.of("semantic-read", """
            local out = {}
            for _, m in ipairs(redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[2])) do
              table.insert(out, m[1]); table.insert(out, m[2][1]); table.insert(out, m[2][2])
            end
            return out""");

    /** One message read: an entry stored, or a scope dropped, by some replica. */
    public sealed interface Message {
        /** The stream's id of the message. */
        String position();

        record Stored(String position, SemanticEntry entry) implements Message {
        }

        record Dropped(String position, CacheScope scope) implements Message {
        }

        record DroppedKey(String position, String keyId) implements Message {
        }

        /** A message this version cannot read (written by a newer one): passed over. */
        record Unreadable(String position) implements Message {
        }
    }

    private final RedisScripts redis;
    private final String key;
    private final long maxLength;

    /** @param prefix the cache's key prefix ({@code junction:cache:}); the stream shares its hash tag */
    public SemanticStream(String url, String prefix, long maxLength) {
        this.redis = RedisScripts.connect(url);
        this.key = RedisEndpoint.slotPrefix(prefix) + "semantic";
        this.maxLength = maxLength;
    }

    /** Appends {@code entry} for the other replicas. */
    public CompletionStage<Void> append(SemanticEntry entry) {
        return append("entry", encode(entry));
    }

    /** Tells the other replicas to drop {@code scope}'s entries. */
    public CompletionStage<Void> appendDrop(CacheScope scope) {
        return append("drop", scope.id());
    }

    /** Tells the other replicas to drop the entries of the virtual key {@code keyId}'s key scope. */
    public CompletionStage<Void> appendDropKey(String keyId) {
        return append("drop-key", keyId);
    }

    private CompletionStage<Void> append(String field, String value) {
        return redis.run(APPEND, List.of(key), List.of(Long.toString(maxLength), field, value), TIMEOUT)
                .thenApply(r -> null);
    }

    /**
     * The messages after {@code position} (empty: from the start), at most a batch; unreadable ones as
     * {@link Message.Unreadable}.
     */
    public CompletionStage<List<Message>> after(String position) {
        String from = position.isEmpty() ? "-" : "(" + position;
        return redis.run(READ, List.of(key), List.of(from, Integer.toString(BATCH)), TIMEOUT).thenApply(flat -> {
            List<Message> out = new ArrayList<>();
            for (int i = 0; i + 2 < flat.size(); i += 3) {
                String id = (String) flat.get(i);
                String field = (String) flat.get(i + 1);
                String value = (String) flat.get(i + 2);
                if (field.equals("drop")) {
                    out.add(new Message.Dropped(id, new CacheScope(value)));
                } else if (field.equals("drop-key")) {
                    out.add(new Message.DroppedKey(id, value));
                } else {
                    Optional<SemanticEntry> entry = decode(value);
                    out.add(entry.<Message>map(e -> new Message.Stored(id, e))
                            .orElseGet(() -> new Message.Unreadable(id)));
                }
            }
            return out;
        });
    }

    static String encode(SemanticEntry entry) {
        ByteBuffer vector = ByteBuffer.allocate(entry.vector().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : entry.vector()) {
            vector.putFloat(v);
        }
        byte[] answer = AnswerCodec.encode(entry.answer()).orElseThrow();
        var json = Json.object().put("id", entry.id()).put("scope", entry.scope().id())
                .put("partition", entry.partition())
                .put("vector", Base64.getEncoder().encodeToString(vector.array()))
                .put("answer", Base64.getEncoder().encodeToString(answer));
        return Base64.getEncoder().encodeToString(AnswerCodec.compress(Json.bytes(json)));
    }

    static Optional<SemanticEntry> decode(String value) {
        try {
            JsonNode json = Json.tryParse(AnswerCodec.decompress(Base64.getDecoder().decode(value)))
                    .orElseThrow(() -> new IllegalArgumentException("not JSON"));
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(json.path("vector").asString()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            float[] vector = new float[bytes.remaining() / 4];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = bytes.getFloat();
            }
            return Optional.of(new SemanticEntry(json.path("id").asString(),
                    new CacheScope(json.path("scope").asString()), json.path("partition").asString(), vector,
                    AnswerCodec.decode(Base64.getDecoder().decode(json.path("answer").asString()))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
