package dev.junction.model;

/** A wire format spoken by clients and upstreams. Two parties with the same dialect can exchange bytes untouched. */
public enum Dialect {
    /** OpenAI Chat Completions, also spoken by every OpenAI-compatible server. */
    OPENAI_CHAT,
    /** Anthropic Messages. */
    ANTHROPIC,
    /** Google Gemini generateContent. */
    GEMINI,
    /** OpenAI Responses ({@code /v1/responses}), also spoken by Azure OpenAI. */
    OPENAI_RESPONSES,
    /** AWS Bedrock's Converse API ({@code /model/{id}/converse}); spoken only by upstreams. */
    BEDROCK_CONVERSE,
    /** Cohere v2 chat ({@code /v2/chat}); spoken by upstreams only. */
    COHERE,
    /** Ollama's native API ({@code /api/chat}, NDJSON streams); spoken by upstreams only. */
    OLLAMA,
    /** ElevenLabs' text-to-speech API ({@code /v1/text-to-speech/{voice_id}}); audio only, spoken by upstreams. */
    ELEVENLABS,
    /** Deepgram's speech-to-text API ({@code /v1/listen}, raw audio bodies); audio only, spoken by upstreams. */
    DEEPGRAM
}
