package dev.junction.replica;

/**
 * Another replica of the store, as last heard from. Immutable.
 *
 * @param id its replica id
 * @param revision the newest revision it said its data plane serves; -1 before it said any
 * @param heardAtNanos when it was last heard from ({@link System#nanoTime()} scale)
 */
public record Peer(String id, long revision, long heardAtNanos) {
}
