/**
 * The guardrail stage: the policies of {@code guardrails:} that apply to a request (by route, key, team, tenant) run
 * their detectors on its input, refusing it, masking it before the upstream sees it, or flagging it, and on its
 * streamed answer through a {@link dev.junction.pipeline.StreamTransform}. A request no policy applies to is not
 * scanned and gets no transform.
 */
package dev.junction.stage.guard;
