package dev.junction.cache.semantic;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's HNSW vector format with room for wider vectors than its default bound of 1024 dimensions (OpenAI's
 * {@code text-embedding-3-small} has 1536, {@code -large} 3072). The files are Lucene's own; only the bound differs.
 * Found by name through Lucene's service loader when an index is reopened
 * ({@code META-INF/services/org.apache.lucene.codecs.KnnVectorsFormat}), hence public with a no-argument constructor.
 */
public final class WideHnswFormat extends KnnVectorsFormat {

    /** The widest vector the index takes. */
    public static final int MAX_DIMENSIONS = 4096;

    private final KnnVectorsFormat delegate = new Lucene99HnswVectorsFormat();

    public WideHnswFormat() {
        super("JunctionWideHnsw");
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return delegate.fieldsWriter(state);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return delegate.fieldsReader(state);
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return MAX_DIMENSIONS;
    }
}
