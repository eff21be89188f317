/**
 * What every client dialect's endpoints share: the routed {@link dev.junction.pipeline.Operation}s (chat turns,
 * embeddings), the chat reply writer and stream relay (the fast path and translation through the canonical model),
 * and the informational endpoints' answers (models, {@code /v1/me}, token counts). Each dialect's request decoding
 * lives in a sub-package.
 */
package dev.junction.endpoint;
