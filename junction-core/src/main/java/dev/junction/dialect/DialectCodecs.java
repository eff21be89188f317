package dev.junction.dialect;

import dev.junction.dialect.anthropic.AnthropicCodec;
import dev.junction.dialect.bedrock.BedrockCodec;
import dev.junction.dialect.cohere.CohereCodec;
import dev.junction.dialect.gemini.GeminiCodec;
import dev.junction.dialect.ollama.OllamaCodec;
import dev.junction.dialect.openai.OpenAiCodec;
import dev.junction.dialect.responses.ResponsesCodec;
import dev.junction.model.Dialect;

/** The codec of each wire dialect. */
public final class DialectCodecs {

    private DialectCodecs() {}

    /**
     * The codec of {@code dialect}. The Responses codec seals other providers' reasoning with
     * {@link dev.junction.dialect.responses.ReasoningSeal#PLAIN}; a server answering Responses clients builds its own
     * {@link ResponsesCodec} with the gateway's seal.
     */
    public static DialectCodec of(Dialect dialect) {
        return switch (dialect) {
            case OPENAI_CHAT -> OpenAiCodec.INSTANCE;
            case ANTHROPIC -> AnthropicCodec.INSTANCE;
            case GEMINI -> GeminiCodec.INSTANCE;
            case OPENAI_RESPONSES -> ResponsesCodec.INSTANCE;
            case BEDROCK_CONVERSE -> BedrockCodec.INSTANCE;
            case COHERE -> CohereCodec.INSTANCE;
            case OLLAMA -> OllamaCodec.INSTANCE;
            case ELEVENLABS, DEEPGRAM -> AudioOnlyCodec.of(dialect);
        };
    }
}
