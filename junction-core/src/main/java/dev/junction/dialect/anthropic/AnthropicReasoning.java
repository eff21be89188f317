package dev.junction.dialect.anthropic;

import static dev.junction.json.Json.optInt;
import static dev.junction.json.Json.optString;
import static dev.junction.json.Json.requireString;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.GatewayException;
import dev.junction.model.Reasoning;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code thinking}, {@code output_config.effort} and the {@code max_tokens} they constrain, in both directions.
 * Anthropic wants a budget of at least 1024 tokens, below {@code max_tokens} (translation rules §7).
 */
final class AnthropicReasoning {

    /** The smallest budget the API accepts. */
    static final int MIN_BUDGET = 1024;
    /** {@code max_tokens} when the client gave none, and the room left above a thinking budget. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private AnthropicReasoning() {}

    /** The reasoning a client asked for, validated like the API does. */
    static Optional<Reasoning> read(ObjectNode body, int maxTokens) {
        Optional<String> effort = optString(body.path("output_config"), "effort", "output_config.effort");
        JsonNode thinking = body.get("thinking");
        if (thinking == null || thinking.isNull()) {
            return effort.map(Reasoning::ofEffort);
        }
        if (!thinking.isObject()) {
            throw GatewayException.invalid("thinking", "thinking: Input should be an object");
        }
        String type = requireString(thinking, "type", "thinking.type");
        return Optional.of(switch (type) {
            case "enabled" -> {
                int budget = optInt(thinking, "budget_tokens", "thinking.budget_tokens").orElseThrow(() ->
                        GatewayException.invalid("thinking.budget_tokens", "thinking.enabled.budget_tokens: Field "
                                + "required"));
                if (budget < MIN_BUDGET) {
                    throw GatewayException.invalid("thinking.budget_tokens", "thinking.enabled.budget_tokens: "
                            + "Input should be greater than or equal to " + MIN_BUDGET);
                }
                if (budget >= maxTokens) {
                    throw GatewayException.invalid("max_tokens", "`max_tokens` must be greater than "
                            + "`thinking.budget_tokens`.");
                }
                yield new Reasoning(effort, OptionalInt.of(budget));
            }
            case "disabled" -> new Reasoning(effort, OptionalInt.of(0));
            // Adaptive thinking decides its own budget; Anthropic's default effort is high.
            case "adaptive" -> Reasoning.ofEffort(effort.orElse("high"));
            default -> throw GatewayException.invalid("thinking.type", "thinking.type: Input should be "
                    + "'enabled', 'disabled' or 'adaptive'");
        });
    }

    /**
     * What to send: the {@code thinking} object (if any), {@code max_tokens}, and whether the model will think
     * (which restricts {@code tool_choice} and sampling).
     */
    record Plan(Optional<ObjectNode> thinking, int maxTokens, boolean on) {}

    /**
     * Plans the reasoning of a request for an Anthropic upstream. A request that came from an Anthropic client
     * carries its own {@code thinking} / {@code effort} in the extensions, and those win; otherwise the canonical
     * reasoning becomes a budget, raised to the minimum, with {@code max_tokens} defaulted above it. When the
     * client's own {@code max_tokens} leaves no room for the minimum budget, thinking is dropped.
     */
    static Plan plan(ChatRequest request, Optional<ObjectNode> extensions, Set<String> dropped) {
        OptionalInt maxTokens = request.sampling().maxTokens();
        JsonNode own = extensions.map(e -> e.get("thinking")).orElse(null);
        if (own instanceof ObjectNode thinking) {
            boolean on = !"disabled".equals(thinking.path("type").asString(""));
            int budget = thinking.path("budget_tokens").asInt(0);
            return new Plan(Optional.of(thinking), maxTokens.orElse(budget + DEFAULT_MAX_TOKENS), on);
        }
        boolean ownEffort = extensions.map(e -> e.path("output_config").has("effort")).orElse(false);
        Optional<Reasoning> reasoning = request.reasoning();
        if (ownEffort || reasoning.isEmpty()) {
            return new Plan(Optional.empty(), maxTokens.orElse(DEFAULT_MAX_TOKENS), false);
        }
        if (reasoning.get().disabled()) {
            return new Plan(Optional.of(Json.object().put("type", "disabled")),
                    maxTokens.orElse(DEFAULT_MAX_TOKENS), false);
        }
        if (unsignedToolTurn(request)) {
            // Anthropic requires the signed thinking of the assistant turn a tool loop continues; a client of
            // another dialect could not keep it, so this turn runs without thinking rather than fail.
            dropped.add("thinking");
            return new Plan(Optional.empty(), maxTokens.orElse(DEFAULT_MAX_TOKENS), false);
        }
        int budget = Math.max(MIN_BUDGET, reasoning.get().budget());
        if (maxTokens.isEmpty()) {
            return enabled(budget, budget + DEFAULT_MAX_TOKENS);
        }
        int max = maxTokens.getAsInt();
        if (max > budget) {
            return enabled(budget, max);
        }
        if (max - 1 >= MIN_BUDGET) {
            // The client's cap covers thinking and answer alike (OpenAI's max_completion_tokens does): think less.
            return enabled(max - 1, max);
        }
        dropped.add("thinking");
        return new Plan(Optional.empty(), max, false);
    }

    /**
     * Whether the conversation continues a tool loop whose assistant turn carries no thinking signed by Anthropic:
     * the last assistant message calls tools and lacks such a block.
     */
    static boolean unsignedToolTurn(ChatRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            Message m = request.messages().get(i);
            if (m.role() != Role.ASSISTANT) {
                continue;
            }
            if (m.toolCalls().isEmpty()) {
                return false;
            }
            return m.content().stream().noneMatch(p -> p instanceof ContentPart.Thinking t && t.signature()
                    .flatMap(sig -> ThoughtSignature.forUpstream(Dialect.ANTHROPIC, sig)).isPresent());
        }
        return false;
    }

    private static Plan enabled(int budget, int maxTokens) {
        return new Plan(Optional.of(Json.object().put("type", "enabled").put("budget_tokens", budget)), maxTokens,
                true);
    }
}
