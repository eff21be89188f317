/**
 * ElevenLabs' text-to-speech API as an upstream of OpenAI's speech endpoint: {@code ElevenLabsSpeechAdapter}
 * (request mapping, output formats) and {@code ElevenLabsErrors}.
 */
package dev.junction.dialect.elevenlabs;
