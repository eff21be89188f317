package dev.junction.observe;

import java.nio.file.Path;
import java.util.List;

/**
 * Records read from the head of the spool, still in the spool until {@link LogSpool#acknowledge} says the sink
 * stored them.
 *
 * @param records the readable records, oldest first (may be empty when every line read was unreadable)
 * @param segment the segment file they come from
 * @param lines how many lines were consumed, unreadable ones included
 * @param endsSegment whether the segment has no lines after these, so it can be deleted once they are stored
 */
record SpoolChunk(List<LoggedRequest> records, Path segment, long lines, boolean endsSegment) {
}
