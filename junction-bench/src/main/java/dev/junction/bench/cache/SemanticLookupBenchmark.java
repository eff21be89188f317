package dev.junction.bench.cache;

import dev.junction.cache.CacheScope;
import dev.junction.cache.CachedAnswer;
import dev.junction.cache.semantic.SemanticEntry;
import dev.junction.cache.semantic.SemanticIndex;
import dev.junction.cache.semantic.SemanticMatch;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Extensions;
import dev.junction.model.FinishReason;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of one semantic cache lookup in an index of {@code entries} stored requests (100k by default): the
 * filtered HNSW search for the nearest vector in the request's partition, and reading its answer back. The index is
 * in memory (a lookup reads Lucene's memory-mapped files the same way once they are in the page cache); vectors are
 * random unit vectors of {@code dimensions} values, spread over {@code partitions} partitions (a few big scopes and
 * contexts). The embedding call a real lookup also makes is not included: it is an upstream call, measured as one.
 * Run with {@code junction-bench/jmh.sh SemanticLookupBenchmark}; measures, never asserts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SemanticLookupBenchmark {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Param({"100000"})
    public int entries;

    @Param({"256", "1536"})
    public int dimensions;

    @Param({"10"})
    public int partitions;

    private SemanticIndex index;
    private float[][] queries;
    private int next;

    private static float[] vector(SplittableRandom random, int dimensions) {
        float[] v = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return SemanticEntry.normalized(v);
    }

    @Setup(Level.Trial)
    public void fill() {
        SplittableRandom random = new SplittableRandom(16);
        index = SemanticIndex.inMemory(entries + 1L);
        ChatResponse response = new ChatResponse("cached", "gpt-4o", 1, List.of(new Choice(0,
                new Message(Role.ASSISTANT, List.of(new ContentPart.Text("A cached answer of a few words.")),
                        Optional.empty()), Optional.of(FinishReason.STOP), List.of())),
                new Usage(20, 8, 0, 0, 0), Extensions.none());
        CachedAnswer answer = new CachedAnswer(response, 1000, NOW, NOW.plusSeconds(3600), "bench");
        CacheScope scope = new CacheScope("tenant:bench");
        for (int i = 0; i < entries; i++) {
            index.put(new SemanticEntry("e" + i, scope, "p" + (i % partitions), vector(random, dimensions), answer));
        }
        index.commit();
        queries = new float[1024][];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = vector(random, dimensions);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        index.close();
    }

    @Benchmark
    public Optional<SemanticMatch> nearest() {
        int i = next++ & (queries.length - 1);
        return index.nearest("p" + (i % partitions), queries[i], NOW);
    }
}
