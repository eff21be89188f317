/**
 * The canonical model: the dialect-neutral hub every client format and every upstream format translates through.
 *
 * <p>Everything here is an immutable record or a sealed interface, free of I/O. Dialect packages own the mapping
 * to and from their wire JSON; nothing in this package knows a wire format.
 */
package dev.junction.model;
