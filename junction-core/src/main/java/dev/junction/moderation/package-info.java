/**
 * Moderations ({@code /v1/moderations}): the validated request ({@link dev.junction.moderation.ModerationRequest})
 * and the adapter contract; OpenAI-compatible upstreams only, so the answer stays in OpenAI's JSON.
 */
package dev.junction.moderation;
