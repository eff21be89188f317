/**
 * Google Gemini {@code generateContent}: request and response mappers to and from the canonical model, the stream
 * encoder (SSE and JSON-array framings) and decoder, the pass-through watcher, error rendering and classification,
 * and the provider adapter; images (Gemini image output, Imagen) and transcriptions through audio understanding
 * ({@code GeminiTranscriptionAdapter}). Mappers are pure functions; encoders, decoders and watchers are small per-stream state
 * machines. Gemini has no tool-call ids and a model-specific reasoning signature on parts: both are bridged here.
 */
package dev.junction.dialect.gemini;
