package dev.junction.export;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams an export to the client a page at a time: asks its {@link Pages} for the next page only once the previous
 * one is written and the connection can take more (its write queue drained), so memory holds one page whatever the
 * export's size, and a slow client slows the reads rather than filling the heap. A client that leaves stops it. A
 * page that cannot be read after the answer began resets the connection (the client sees a broken download, never a
 * short file that looks whole) and is logged. Used on the request's event loop; the pages are read wherever their
 * futures run (a database thread) and written back on {@code context}.
 */
public final class ExportStream {

    private static final Logger LOG = LoggerFactory.getLogger(ExportStream.class);

    /**
     * One page of rows.
     *
     * @param rows flat objects of the export's columns
     * @param last whether it is the last page
     */
    public record Page(List<ObjectNode> rows, boolean last) {

        /** Copies the rows. */
        public Page {
            rows = List.copyOf(rows);
        }
    }

    /** The export's pages, asked for one after another (never two at once). */
    @FunctionalInterface
    public interface Pages {

        /** The next page; after a page that was {@code last} it is not asked again. */
        CompletionStage<Page> next();
    }

    private final HttpServerResponse response;
    private final Context context;
    private final ExportFormat format;
    private final List<String> columns;
    private final Pages pages;
    private boolean gone;

    private ExportStream(HttpServerResponse response, Context context, ExportFormat format, List<String> columns,
                         Pages pages) {
        this.response = response;
        this.context = context;
        this.format = format;
        this.columns = List.copyOf(columns);
        this.pages = pages;
    }

    /**
     * Starts the answer (200, chunked, as a download named {@code filename}) and streams every page.
     *
     * @param filename the file name the browser saves it as, without the extension
     */
    public static void start(HttpServerResponse response, Context context, ExportFormat format, List<String> columns,
                             String filename, Pages pages) {
        ExportStream stream = new ExportStream(response, context, format, columns, pages);
        response.setChunked(true).putHeader("content-type", format.contentType())
                .putHeader("content-disposition", "attachment; filename=\"" + filename + "." + format.wireName() + "\"")
                .putHeader("cache-control", "no-store");
        response.closeHandler(v -> stream.gone = true);
        response.write(format.head(columns));
        stream.next();
    }

    private void next() {
        Future.fromCompletionStage(pages.next(), context).onComplete(done -> {
            if (gone) {
                return;
            }
            if (done.failed()) {
                LOG.error("An export failed after it began; the connection is reset", done.cause());
                response.reset();
                return;
            }
            Page page = done.result();
            if (!page.rows().isEmpty()) {
                response.write(format.rows(columns, page.rows()));
            }
            if (page.last()) {
                response.end();
            } else if (response.writeQueueFull()) {
                response.drainHandler(v -> next());
            } else {
                next();
            }
        });
    }
}
