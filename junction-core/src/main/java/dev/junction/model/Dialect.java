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
    BEDROCK_CONVERSE
}
