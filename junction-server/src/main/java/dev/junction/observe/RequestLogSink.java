package dev.junction.observe;

import java.util.List;

/**
 * Where request-log batches end up (the database). Called only from the write-behind writer's own thread, never from
 * an event loop; it may block.
 */
public interface RequestLogSink {

    /**
     * Stores the whole batch in one transaction, or nothing.
     *
     * @throws Exception when the batch could not be stored (the database is down, the connection broke); the writer
     *     then keeps the batch and tries again later
     */
    void write(List<LoggedRequest> batch) throws Exception;
}
