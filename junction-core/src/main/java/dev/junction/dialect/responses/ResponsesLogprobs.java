package dev.junction.dialect.responses;

import dev.junction.dialect.openai.OpenAiLogprobs;
import dev.junction.json.Json;
import dev.junction.model.TokenLogprob;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code logprobs} arrays of {@code output_text} parts and text deltas: {@code [{"token","logprob","bytes",
 * "top_logprobs":[{"token","logprob","bytes"}]}]}.
 */
final class ResponsesLogprobs {

    private ResponsesLogprobs() {}

    static List<TokenLogprob> read(JsonNode logprobs) {
        return OpenAiLogprobs.readTokens(logprobs);
    }

    static ArrayNode write(List<TokenLogprob> tokens) {
        return write(tokens, true);
    }

    private static ArrayNode write(List<TokenLogprob> tokens, boolean withTop) {
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (TokenLogprob t : tokens) {
            ObjectNode o = arr.addObject().put("token", t.token()).put("logprob", t.logprob());
            ArrayNode bytes = o.putArray("bytes");
            t.bytes().ifPresent(b -> b.forEach(bytes::add));
            if (withTop) {
                o.set("top_logprobs", write(t.top(), false));
            }
        }
        return arr;
    }
}
