/** {@code POST /v1/moderations}: {@code ModerationsHandler} and {@code ModerationOperation}, OpenAI-compatible upstreams. */
package dev.junction.endpoint.moderation;
