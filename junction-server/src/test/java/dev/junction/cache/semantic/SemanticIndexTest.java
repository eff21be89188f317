package dev.junction.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cache.CacheScope;
import dev.junction.cache.CachedAnswer;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Extensions;
import dev.junction.model.FinishReason;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.Usage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene index on its own: nearest within a partition, expiry, the bound, wide vectors, a reopened directory. */
class SemanticIndexTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final CacheScope SCOPE = new CacheScope("tenant:t1");

    static CachedAnswer answer(String text, Instant expires) {
        ChatResponse response = new ChatResponse("id-" + text, "gpt-4o", 1, List.of(new Choice(0,
                new Message(Role.ASSISTANT, List.of(new ContentPart.Text(text)), Optional.empty()),
                Optional.of(FinishReason.STOP), List.of())), new Usage(3, 4, 0, 0, 0), Extensions.none());
        return new CachedAnswer(response, 42, NOW, expires, "route");
    }

    static float[] vector(int dimensions, float... head) {
        float[] v = new float[dimensions];
        System.arraycopy(head, 0, v, 0, head.length);
        return SemanticEntry.normalized(v);
    }

    static SemanticEntry entry(String id, String partition, float[] vector, Instant expires) {
        return new SemanticEntry(id, SCOPE, partition, vector, answer(id, expires));
    }

    @Test
    void theNearestEntryOfThePartitionIsFoundWithItsCosineSimilarity() {
        try (SemanticIndex index = SemanticIndex.inMemory(100)) {
            index.put(entry("a", "p1", vector(8, 1, 0), NOW.plusSeconds(60)));
            index.put(entry("b", "p1", vector(8, 0, 1), NOW.plusSeconds(60)));
            index.put(entry("c", "p2", vector(8, 1, 0.1f), NOW.plusSeconds(60)));

            SemanticMatch match = index.nearest("p1", vector(8, 1, 0.1f), NOW).orElseThrow();

            assertThat(match.id()).isEqualTo("a");
            assertThat(match.similarity()).isCloseTo(1 / Math.sqrt(1.01), org.assertj.core.data.Offset.offset(1e-4));
            assertThat(match.answer().response().choices().getFirst().message().content())
                    .containsExactly(new ContentPart.Text("a"));
            assertThat(index.nearest("p3", vector(8, 1, 0), NOW)).isEmpty();
        }
    }

    @Test
    void expiredEntriesAreNeverFoundAndArePurged() {
        try (SemanticIndex index = SemanticIndex.inMemory(100)) {
            index.put(entry("old", "p", vector(4, 1), NOW.plusSeconds(10)));

            assertThat(index.nearest("p", vector(4, 1), NOW.plusSeconds(10))).isEmpty();
            index.purge(NOW.plusSeconds(11));
            assertThat(index.size()).isZero();
        }
    }

    @Test
    void pastItsBoundTheOldestEntriesGo() {
        try (SemanticIndex index = SemanticIndex.inMemory(10)) {
            for (int i = 0; i < 11; i++) {
                SemanticEntry e = new SemanticEntry("e" + i, SCOPE, "p", vector(4, 1, i),
                        new CachedAnswer(answer("e" + i, NOW.plusSeconds(60)).response(), 1,
                                NOW.plusSeconds(i), NOW.plusSeconds(60), "route"));
                index.put(e);
            }

            assertThat(index.size()).isEqualTo(9);
            assertThat(index.nearest("p", vector(4, 1, 0), NOW).orElseThrow().id()).isNotIn("e0", "e1");
        }
    }

    @Test
    void aReopenedIndexKeepsItsEntriesAndPositionAndTakesWideVectors(@TempDir Path dir) {
        float[] wide = vector(1536, 0.5f, 0.5f);
        try (SemanticIndex index = SemanticIndex.open(dir, 100)) {
            index.put(entry("wide", "p", wide, NOW.plusSeconds(60)));
            index.position("1700000000000-0");
        }
        try (SemanticIndex index = SemanticIndex.open(dir, 100)) {
            assertThat(index.nearest("p", wide, NOW).orElseThrow().id()).isEqualTo("wide");
            assertThat(index.position()).isEqualTo("1700000000000-0");
        }
    }

    @Test
    void aScopeAndTheScopesInsideItAreDropped() {
        try (SemanticIndex index = SemanticIndex.inMemory(100)) {
            index.put(entry("t", "p", vector(4, 1), NOW.plusSeconds(60)));
            index.put(new SemanticEntry("k", new CacheScope("tenant:t1/key:k1"), "p", vector(4, 1),
                    answer("k", NOW.plusSeconds(60))));
            index.put(new SemanticEntry("o", new CacheScope("tenant:t2"), "q", vector(4, 1),
                    answer("o", NOW.plusSeconds(60))));

            assertThat(index.evict(SCOPE)).isEqualTo(2);
            assertThat(index.size()).isEqualTo(1);
        }
    }

    @Test
    void anEntrySurvivesTheStreamsEncoding() {
        SemanticEntry e = entry("s", "p", vector(8, 1, 2, 3), NOW.plusSeconds(60));

        SemanticEntry back = SemanticStream.decode(SemanticStream.encode(e)).orElseThrow();

        assertThat(back.id()).isEqualTo("s");
        assertThat(back.scope()).isEqualTo(SCOPE);
        assertThat(back.vector()).containsExactly(e.vector());
        assertThat(back.answer()).isEqualTo(e.answer());
        assertThat(SemanticStream.decode("not base64!")).isEmpty();
    }
}
