/**
 * The request path's contract: a {@link dev.junction.pipeline.Stage} gets the {@link dev.junction.pipeline.Exchange}
 * and the rest of the {@link dev.junction.pipeline.Chain}, proceeds or answers with a {@link
 * dev.junction.pipeline.Reply}, and is told the request's {@link dev.junction.pipeline.Outcome} once it is over; a
 * {@link dev.junction.pipeline.Pipeline} runs stages in order and writes the reply in the client's {@link
 * dev.junction.pipeline.ClientDialect}. Routed operations (chat, embeddings, …) plug in as {@link
 * dev.junction.pipeline.Operation}s. Depends on no stage: the built-in ones live in {@code dev.junction.stage.*}.
 */
package dev.junction.pipeline;
