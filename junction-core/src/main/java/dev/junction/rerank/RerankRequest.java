package dev.junction.rerank;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A request to rank documents by their relevance to a query, in canonical form. Immutable.
 *
 * @param model the model name as the client sent it
 * @param query what the documents are ranked against
 * @param documents the documents' texts, in order (results name them by index)
 * @param topN how many of the best to answer, when given; all otherwise
 * @param returnDocuments whether each result carries its document's text
 * @param maxTokensPerDoc Cohere's cap on tokens read per document, when given
 */
public record RerankRequest(String model, String query, List<String> documents, OptionalInt topN,
                            boolean returnDocuments, OptionalInt maxTokensPerDoc) {

    /** The most documents one request may rank. */
    public static final int MAX_DOCUMENTS = 10_000;

    public RerankRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(query, "query");
        documents = List.copyOf(documents);
    }

    /**
     * Cohere's search units of this request: one per query of up to 100 documents (documents over 500 tokens count
     * as several, which the gateway does not see; it counts by documents).
     */
    public int searchUnits() {
        return Math.max(1, (documents.size() + 99) / 100);
    }
}
