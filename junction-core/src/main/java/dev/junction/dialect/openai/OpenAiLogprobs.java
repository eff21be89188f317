package dev.junction.dialect.openai;

import dev.junction.json.Json;
import dev.junction.model.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code logprobs.content} token lists of responses and stream chunks. */
public final class OpenAiLogprobs {

    private OpenAiLogprobs() {}

    static List<TokenLogprob> read(JsonNode logprobs) {
        if (logprobs == null || !logprobs.isObject()) {
            return List.of();
        }
        return readTokens(logprobs.get("content"));
    }

    /** A list of token logprobs as OpenAI writes them (Chat Completions' {@code content}, Responses' parts). */
    public static List<TokenLogprob> readTokens(JsonNode tokens) {
        if (tokens == null || !tokens.isArray()) {
            return List.of();
        }
        List<TokenLogprob> out = new ArrayList<>(tokens.size());
        for (JsonNode t : tokens) {
            Optional<List<Integer>> bytes = Optional.empty();
            JsonNode b = t.get("bytes");
            if (b != null && b.isArray()) {
                List<Integer> list = new ArrayList<>(b.size());
                b.forEach(x -> list.add(x.asInt()));
                bytes = Optional.of(list);
            }
            out.add(new TokenLogprob(t.path("token").asString(""), t.path("logprob").asDouble(), bytes,
                    readTokens(t.get("top_logprobs"))));
        }
        return out;
    }

    /** {@code {"content":[…],"refusal":null}}. */
    static ObjectNode write(List<TokenLogprob> tokens) {
        ObjectNode out = Json.object();
        out.set("content", writeTokens(tokens, true));
        out.putNull("refusal");
        return out;
    }

    private static ArrayNode writeTokens(List<TokenLogprob> tokens, boolean withTop) {
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (TokenLogprob t : tokens) {
            ObjectNode o = arr.addObject().put("token", t.token()).put("logprob", t.logprob());
            if (t.bytes().isPresent()) {
                ArrayNode b = o.putArray("bytes");
                t.bytes().get().forEach(b::add);
            } else {
                o.putNull("bytes");
            }
            if (withTop) {
                o.set("top_logprobs", writeTokens(t.top(), false));
            }
        }
        return arr;
    }
}
