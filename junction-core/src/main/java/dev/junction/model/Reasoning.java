package dev.junction.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How much the model should think before answering. Dialects say it differently: OpenAI with an effort level
 * ({@code none}, {@code minimal}, {@code low}, {@code medium}, {@code high}, {@code xhigh}), Anthropic and Gemini with
 * a token budget. The canonical form keeps what the client said and derives the other on demand.
 *
 * @param effort an OpenAI effort level, as sent
 * @param budgetTokens a thinking budget in tokens; 0 turns thinking off
 */
public record Reasoning(Optional<String> effort, OptionalInt budgetTokens) {

    /** Reasoning given as an effort level. */
    public static Reasoning ofEffort(String effort) {
        return new Reasoning(Optional.of(effort), OptionalInt.empty());
    }

    /** Reasoning given as a token budget. */
    public static Reasoning ofBudget(int tokens) {
        return new Reasoning(Optional.empty(), OptionalInt.of(tokens));
    }

    /** Whether the client turned thinking off. */
    public boolean disabled() {
        return budgetTokens.orElse(-1) == 0 || effort.filter("none"::equals).isPresent();
    }

    /**
     * The budget to send to a budget dialect: the one given, or one derived from the effort level (0 for
     * {@code none}).
     */
    public int budget() {
        if (budgetTokens.isPresent()) {
            return budgetTokens.getAsInt();
        }
        return switch (effort.orElse("medium")) {
            case "none" -> 0;
            case "minimal", "low" -> 1024;
            case "medium" -> 4096;
            case "high" -> 16384;
            default -> 32768; // xhigh and anything newer
        };
    }

    /** The effort level to send to an effort dialect: the one given, or one derived from the budget. */
    public String level() {
        if (effort.isPresent()) {
            return effort.get();
        }
        int budget = budgetTokens.orElse(4096);
        if (budget <= 0) {
            return "none";
        }
        return budget <= 2048 ? "low" : budget <= 8192 ? "medium" : "high";
    }
}
