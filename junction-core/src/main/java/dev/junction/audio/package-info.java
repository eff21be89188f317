/**
 * Audio operations, whatever the provider: speech ({@link dev.junction.audio.SpeechRequest}, text in, audio bytes
 * out) and transcriptions and translations ({@link dev.junction.audio.TranscriptionRequest}, an uploaded file in,
 * text out), their answers ({@link dev.junction.audio.AudioAnswer}) and what they consumed
 * ({@link dev.junction.audio.AudioMetering}), and the adapter contracts each provider's dialect package implements.
 */
package dev.junction.audio;
