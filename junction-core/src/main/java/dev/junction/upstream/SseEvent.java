package dev.junction.upstream;

import io.vertx.core.buffer.Buffer;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} field, empty when absent (OpenAI sends none)
 * @param data the {@code data:} lines joined with {@code \n}
 * @param raw the event's bytes exactly as received, terminator included, for byte-exact pass-through
 */
public record SseEvent(String event, String data, Buffer raw) {}
