package dev.junction.extension;

import dev.junction.model.ChatRequest;

/**
 * Sees a chat request before it is sent, after authentication, limits and budgets (the caller is known and
 * admitted, the route resolved), and decides whether and how it goes on. Hooks of several extensions run one after
 * another in their order, each seeing the previous one's rewrite. Runs on the request's event loop unless the manifest
 * declares it blocking (then on a worker thread); must be thread safe: one instance serves every request.
 */
@FunctionalInterface
public interface RequestHook {

    /** Decides on {@code request}, the canonical form of what the client sent (or of an earlier rewrite). */
    RequestDecision onRequest(RequestInfo info, ChatRequest request);
}
