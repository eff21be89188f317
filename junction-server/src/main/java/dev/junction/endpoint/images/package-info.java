/**
 * The OpenAI Images API ({@code POST /v1/images/generations}, {@code /edits}, {@code /variations}): the handlers that
 * decode a request (JSON, or a multipart upload held in memory within the body limit) and the {@code Operation}
 * that routes it, with failover, to the providers that make images, priced per image or by tokens.
 */
package dev.junction.endpoint.images;
