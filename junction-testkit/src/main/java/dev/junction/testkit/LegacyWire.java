package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's moderations and legacy completions; base URL {@link MockUpstream#baseUrl()}.
 *
 * <ul>
 *   <li>{@code POST /v1/moderations}: {@code input} a string, strings, or text and image parts (else 400); one
 *       result per string (one for a list of parts), flagged for {@code violence} when its text mentions "attack".
 *       Consumes a behaviour.
 *   <li>{@code POST /v1/completions}: {@code model} and {@code prompt} required; answers "Mock completion: " and
 *       the first prompt, whole ({@code usage} included) or streamed as {@code text_completion} chunks ending with
 *       a {@code usage} chunk when {@code stream_options.include_usage} is set, then {@code [DONE]}. Consumes a
 *       behaviour.
 * </ul>
 */
final class LegacyWire implements Wire {

    private static final List<String> CATEGORIES = List.of("harassment", "harassment/threatening", "hate",
            "hate/threatening", "illicit", "illicit/violent", "self-harm", "self-harm/instructions", "self-harm/intent",
            "sexual", "sexual/minors", "violence", "violence/graphic");

    static boolean serves(String path) {
        return path.equals("/v1/moderations") || path.equals("/v1/completions");
    }

    private final MockState state;

    LegacyWire(MockState state) {
        this.state = state;
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.OPENAI;
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        if (!json.isObject()) {
            MockWires.error(exchange, OpenAiError.invalidJson());
        } else if (request.path().equals("/v1/moderations")) {
            moderate(json, exchange);
        } else {
            complete(json, exchange);
        }
    }

    private void moderate(JsonNode json, Exchange exchange) {
        JsonNode input = json.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isString()) {
            texts.add(input.stringValue());
        } else if (input.isArray() && !input.isEmpty() && input.get(0).isObject()) {
            StringBuilder all = new StringBuilder();
            input.forEach(part -> all.append(part.path("text").asString("")).append(' '));
            texts.add(all.toString());
        } else if (input.isArray() && !input.isEmpty()) {
            input.forEach(item -> texts.add(item.asString("")));
        } else {
            MockWires.error(exchange, new OpenAiError(400, "Missing required parameter: 'input'.",
                    "invalid_request_error", Optional.of("input"), Optional.of("missing_required_parameter")));
            return;
        }
        String model = json.path("model").asString("omni-moderation-latest");
        MockWires.answer(state, exchange, model, () -> {
            ObjectNode body = JsonText.MAPPER.createObjectNode().put("id", "modr-mock" + exchange.sequence())
                    .put("model", model + "-2024-09-26");
            ArrayNode results = body.putArray("results");
            for (String text : texts) {
                boolean violent = text.toLowerCase(Locale.ROOT).contains("attack");
                ObjectNode result = results.addObject().put("flagged", violent);
                ObjectNode categories = result.putObject("categories");
                ObjectNode scores = result.putObject("category_scores");
                ObjectNode applied = result.putObject("category_applied_input_types");
                for (String category : CATEGORIES) {
                    boolean hit = violent && category.equals("violence");
                    categories.put(category, hit);
                    scores.put(category, hit ? 0.91 : 0.0001);
                    applied.putArray(category).add("text");
                }
            }
            exchange.respond(200, Exchange.APPLICATION_JSON, Map.of(), JsonText.buffer(body));
        });
    }

    private void complete(JsonNode json, Exchange exchange) {
        if (!json.path("model").isString()) {
            MockWires.error(exchange, OpenAiError.missingModel());
            return;
        }
        JsonNode prompt = json.path("prompt");
        String first = prompt.isArray() ? prompt.path(0).asString("") : prompt.asString("");
        String model = json.path("model").stringValue();
        String text = "Mock completion: " + first;
        long input = first.length() / 4 + 1;
        long output = text.length() / 4 + 1;
        MockWires.answer(state, exchange, model, () -> {
            if (!json.path("stream").asBoolean(false)) {
                ObjectNode body = chunk(exchange, model);
                body.withArray("choices").addObject().put("text", text).put("index", 0).putNull("logprobs")
                        .put("finish_reason", "stop");
                usage(body, input, output);
                exchange.respond(200, Exchange.APPLICATION_JSON, Map.of(), JsonText.buffer(body));
                return;
            }
            exchange.startChunked(200, Exchange.EVENT_STREAM, Map.of());
            String[] words = text.split("(?<= )");
            for (int i = 0; i < words.length; i++) {
                ObjectNode body = chunk(exchange, model);
                body.withArray("choices").addObject().put("text", words[i]).put("index", 0).putNull("logprobs")
                        .put("finish_reason", i == words.length - 1 ? "stop" : null);
                exchange.write(Buffer.buffer("data: " + body + "\n\n"));
            }
            if (json.path("stream_options").path("include_usage").asBoolean(false)) {
                ObjectNode body = chunk(exchange, model);
                body.putArray("choices");
                usage(body, input, output);
                exchange.write(Buffer.buffer("data: " + body + "\n\n"));
            }
            exchange.write(Buffer.buffer("data: [DONE]\n\n"));
            exchange.end();
        });
    }

    private static ObjectNode chunk(Exchange exchange, String model) {
        ObjectNode body = JsonText.MAPPER.createObjectNode().put("id", "cmpl-mock" + exchange.sequence())
                .put("object", "text_completion").put("created", 1_700_000_000L).put("model", model);
        body.putArray("choices");
        return body;
    }

    private static void usage(ObjectNode body, long input, long output) {
        body.putObject("usage").put("prompt_tokens", input).put("completion_tokens", output)
                .put("total_tokens", input + output);
    }
}
