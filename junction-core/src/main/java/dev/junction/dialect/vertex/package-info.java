/**
 * Google Vertex AI as a platform: Gemini ({@code publishers/google}) and Claude ({@code publishers/anthropic}) served
 * at a project's location, with the Gemini and Anthropic dialects' bodies, under OAuth2 access tokens from Google's
 * auth library. {@link dev.junction.dialect.vertex.VertexPlatform} holds a provider's settings,
 * {@link dev.junction.dialect.vertex.VertexTokenSource} its cached token, and
 * {@link dev.junction.dialect.vertex.VertexEndpoint} places each attempt's request of the dialects' own adapters.
 */
package dev.junction.dialect.vertex;
