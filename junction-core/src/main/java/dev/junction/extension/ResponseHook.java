package dev.junction.extension;

import dev.junction.model.ChatResponse;

/**
 * Sees the complete answer to a chat request that did not stream, and may rewrite it. Hooks run in the extensions'
 * order. An answer seen by a response hook is written from its canonical form (no byte pass-through). Runs on the
 * request's event loop unless declared blocking; thread safe.
 */
@FunctionalInterface
public interface ResponseHook {

    /** The answer to write: {@code response} itself, or a rewritten one. */
    ChatResponse onResponse(RequestInfo info, ChatResponse response);
}
