package dev.junction.cache.semantic;

import dev.junction.cache.AnswerCodec;
import dev.junction.cache.CacheScope;
import dev.junction.cache.CachedAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The semantic cache's approximate nearest-neighbour index: a Lucene index whose documents are {@link SemanticEntry}s,
 * their vectors in Lucene's HNSW graph ({@link KnnFloatVectorField}, dot product over unit vectors, that is cosine
 * similarity), searched with a {@link KnnFloatVectorQuery} filtered to the request's partition and to entries not
 * expired at the gateway's time. The answer is a stored field ({@link AnswerCodec}). Bounded: past
 * {@code maxEntries} the oldest tenth goes; expired entries are purged by {@link #purge}. Kept in a directory under
 * the data directory, committed by {@link #commit} (and on close) so a restart keeps it; the commit also records a
 * position (the Redis stream's last entry read) that survives with it. Not thread safe: its owner
 * ({@link SemanticCache}) calls it from one thread.
 */
public final class SemanticIndex implements AutoCloseable {

    private static final String ID = "id";
    private static final String SCOPE = "scope";
    private static final String PARTITION = "partition";
    private static final String EXPIRES = "expires";
    private static final String STORED = "stored";
    private static final String ANSWER = "answer";
    private static final String POSITION = "position";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final long maxEntries;
    private boolean changed;
    private boolean unsearched;
    private long putsSinceCheck;
    private String position;

    private SemanticIndex(Directory directory, long maxEntries) throws IOException {
        this.directory = directory;
        this.maxEntries = maxEntries;
        IndexWriterConfig config = new IndexWriterConfig().setCodec(wideVectors())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setCommitOnClose(true);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
        Map<String, String> data = new HashMap<>();
        writer.getLiveCommitData().forEach(entry -> data.put(entry.getKey(), entry.getValue()));
        this.position = data.getOrDefault(POSITION, "");
    }

    /** The index kept in {@code dir} (created when absent). */
    public static SemanticIndex open(Path dir, long maxEntries) {
        try {
            return new SemanticIndex(FSDirectory.open(dir), maxEntries);
        } catch (IOException e) {
            throw new UncheckedIOException("the semantic cache's index at " + dir + " could not be opened", e);
        }
    }

    /** An index in memory only, lost when it closes (tests, benchmarks). */
    public static SemanticIndex inMemory(long maxEntries) {
        try {
            return new SemanticIndex(new ByteBuffersDirectory(), maxEntries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default codec with vectors up to {@link WideHnswFormat#MAX_DIMENSIONS} wide. */
    private static Codec wideVectors() {
        Codec base = Codec.getDefault();
        KnnVectorsFormat wide = new WideHnswFormat();
        return new FilterCodec(base.getName(), base) {
            private final KnnVectorsFormat perField = new PerFieldKnnVectorsFormat() {
                @Override
                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return wide;
                }
            };

            @Override
            public KnnVectorsFormat knnVectorsFormat() {
                return perField;
            }
        };
    }

    /** Vectors of each width live in a field of their own (an embedding model may change). */
    private static String vectorField(int dimensions) {
        return "vector" + dimensions;
    }

    /** Stores {@code entry}, replacing one with the same id; visible to the next {@link #nearest}. */
    public void put(SemanticEntry entry) {
        Optional<byte[]> answer = AnswerCodec.encode(entry.answer());
        if (answer.isEmpty()) {
            return;
        }
        Document doc = new Document();
        doc.add(new StringField(ID, entry.id(), Field.Store.YES));
        doc.add(new StringField(SCOPE, entry.scope().id(), Field.Store.NO));
        doc.add(new StringField(PARTITION, entry.partition(), Field.Store.NO));
        doc.add(new KnnFloatVectorField(vectorField(entry.vector().length), entry.vector(),
                VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new LongPoint(EXPIRES, entry.answer().expiresAt().toEpochMilli()));
        doc.add(new NumericDocValuesField(STORED, entry.answer().storedAt().toEpochMilli()));
        doc.add(new StoredField(ANSWER, answer.get()));
        try {
            writer.updateDocument(new Term(ID, entry.id()), doc);
            changed = true;
            unsearched = true;
            // The bound is checked against a reopened reader (the writer's own counts leave buffered documents out),
            // every hundredth of the bound: the index may overshoot it by 1%.
            if (++putsSinceCheck >= Math.max(1, maxEntries / 100)) {
                putsSinceCheck = 0;
                evictOldest();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the writes so far searchable: a near-real-time reopen, once per batch of writes rather than per write
     * (each reopen flushes a segment).
     */
    private void refreshed() throws IOException {
        if (unsearched) {
            searchers.maybeRefreshBlocking();
            unsearched = false;
        }
    }

    /** Past the bound, drops the oldest entries down to nine tenths of it. */
    private void evictOldest() throws IOException {
        refreshed();
        IndexSearcher searcher = searchers.acquire();
        try {
            int held = searcher.getIndexReader().numDocs();
            if (held <= maxEntries) {
                return;
            }
            int excess = (int) (held - maxEntries * 9 / 10);
            TopDocs oldest = searcher.search(new MatchAllDocsQuery(), excess,
                    new Sort(new SortField(STORED, SortField.Type.LONG)));
            var stored = searcher.storedFields();
            Term[] ids = new Term[oldest.scoreDocs.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = new Term(ID, stored.document(oldest.scoreDocs[i].doc).get(ID));
            }
            writer.deleteDocuments(ids);
            unsearched = true;
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * The entry of {@code partition} nearest to {@code vector} among those not expired at {@code now}, if any. The
     * search is approximate (HNSW), as the index's purpose allows.
     */
    public Optional<SemanticMatch> nearest(String partition, float[] vector, Instant now) {
        Query filter = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(PARTITION, partition)), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(EXPIRES, now.toEpochMilli() + 1, Long.MAX_VALUE),
                        BooleanClause.Occur.FILTER)
                .build();
        try {
            refreshed();
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(new KnnFloatVectorQuery(vectorField(vector.length), vector, 1, filter),
                        1);
                if (top.scoreDocs.length == 0) {
                    return Optional.empty();
                }
                ScoreDoc best = top.scoreDocs[0];
                Document doc = searcher.storedFields().document(best.doc);
                CachedAnswer answer = AnswerCodec.decode(doc.getBinaryValue(ANSWER).bytes);
                // Lucene scores a dot product d over unit vectors as (1 + d) / 2.
                return Optional.of(new SemanticMatch(doc.get(ID), answer, 2.0 * best.score - 1.0));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the entries of {@code scope} and of the scopes inside it; answers how many there were. */
    public long evict(CacheScope scope) {
        return delete(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(SCOPE, scope.id())), BooleanClause.Occur.SHOULD)
                .add(new PrefixQuery(new Term(SCOPE, scope.id() + "/")), BooleanClause.Occur.SHOULD).build());
    }

    /** Drops the entries made in the key scope of the virtual key {@code keyId}; answers how many there were. */
    public long evictKey(String keyId) {
        return delete(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(SCOPE, "key:" + keyId)), BooleanClause.Occur.SHOULD)
                .add(new WildcardQuery(new Term(SCOPE, "*/key:" + keyId.replaceAll("([*?\\\\])", "\\\\$1"))),
                        BooleanClause.Occur.SHOULD).build());
    }

    private long delete(Query inScope) {
        try {
            refreshed();
            IndexSearcher searcher = searchers.acquire();
            long count;
            try {
                count = searcher.count(inScope);
            } finally {
                searchers.release(searcher);
            }
            writer.deleteDocuments(inScope);
            changed = true;
            unsearched = true;
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the entries expired at {@code now}. */
    public void purge(Instant now) {
        try {
            writer.deleteDocuments(LongPoint.newRangeQuery(EXPIRES, Long.MIN_VALUE, now.toEpochMilli()));
            changed = true;
            unsearched = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entries held, expired ones not yet purged included. */
    public long size() {
        try {
            refreshed();
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The position recorded with the last commit (or set since): where a replica's stream reading resumes. */
    public String position() {
        return position;
    }

    /** Records {@code position}, committed with the entries read up to it. */
    public void position(String value) {
        if (!value.equals(position)) {
            position = value;
            changed = true;
        }
    }

    /** Makes what changed since the last commit durable; nothing when nothing changed. */
    public void commit() {
        if (!changed) {
            return;
        }
        try {
            writer.setLiveCommitData(Map.of(POSITION, position).entrySet());
            writer.commit();
            changed = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            commit();
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
