/**
 * Images: the canonical records of an image generation, edit or variation ({@link dev.junction.image.ImageRequest},
 * {@link dev.junction.image.ImageResponse}) and the contract of an upstream that makes them
 * ({@link dev.junction.image.ImageAdapter}). Adapters live in the dialect package of their provider
 * ({@code dialect.openai.OpenAiImageAdapter}, {@code dialect.gemini.GeminiImageAdapter}).
 */
package dev.junction.image;
