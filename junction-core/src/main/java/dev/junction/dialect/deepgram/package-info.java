/**
 * Deepgram's pre-recorded speech-to-text API ({@code /v1/listen}) as an upstream of OpenAI's transcription endpoint:
 * {@code DeepgramTranscriptionAdapter} (the raw file as the body, options as query parameters, {@code Token}
 * authorization) and {@code DeepgramAnswers} (its answer in OpenAI's json, text, verbose_json or events).
 */
package dev.junction.dialect.deepgram;
