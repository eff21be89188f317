/**
 * Conversation state of the Responses API: the responses the gateway stored ({@code store: true}), which
 * {@code previous_response_id} continues on any upstream and any replica, owned by the caller's tenant, kept for a
 * configurable retention. The data plane reaches them only through {@link dev.junction.conversation.Conversations},
 * whose work runs on the database's threads.
 */
package dev.junction.conversation;
