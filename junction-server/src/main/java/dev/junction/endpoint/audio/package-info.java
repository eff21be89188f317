/**
 * OpenAI's audio endpoints: {@code POST /v1/audio/speech} ({@code SpeechHandler}, {@code SpeechOperation}: the audio
 * relayed as it arrives) and {@code POST /v1/audio/transcriptions} and {@code /v1/audio/translations}
 * ({@code UploadIntake} streams the multipart upload to a temporary file, {@code TranscriptionHandler} and
 * {@code TranscriptionOperation} resend it to each attempt's upstream), through the same chain of stages as chat.
 */
package dev.junction.endpoint.audio;
