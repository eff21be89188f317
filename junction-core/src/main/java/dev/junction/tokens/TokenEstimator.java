package dev.junction.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Message;
import dev.junction.model.ToolDefinition;

/**
 * Estimates how many input tokens a request will cost, for token counting endpoints and, later, for reserving rate
 * limits and budgets before the call. Text is counted with OpenAI's {@code o200k_base} encoding; Claude and Gemini
 * publish no offline tokenizer, so for them the count is an estimate of the same order (typically within 10–20%).
 * Media cannot be counted without decoding it and gets a flat allowance. Thread safe; the vocabulary loads on first
 * use.
 */
public final class TokenEstimator {

    /** Roughly what one image costs at the providers' default resolution. */
    static final int IMAGE_TOKENS = 1_000;
    /** Framing per message (role markers, separators), as OpenAI documents for its chat format. */
    static final int PER_MESSAGE = 4;

    private static final class Holder {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    /** Long texts' counts, remembered: agents send the same system prompt and history with every turn. */
    private static final CountCache LONG_TEXTS = new CountCache(4096, CountCache.MIN_LENGTH, Integer.MAX_VALUE);
    /**
     * Short texts' counts: short system prompts, tool names and descriptions repeat with every request, and encoding
     * even a short text (o200k's pre-tokenising pattern, then byte-pair merges) costs far more than fingerprinting it
     * (a profile of the governed gateway put it at 5-8% of an event loop's time).
     */
    private static final CountCache SHORT_TEXTS = new CountCache(4096, 1, CountCache.MIN_LENGTH - 1);

    private TokenEstimator() {}

    /** The number of tokens of a text. */
    public static int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        CountCache band = text.length() < CountCache.MIN_LENGTH ? SHORT_TEXTS : LONG_TEXTS;
        return band.count(text, Holder.O200K::countTokensOrdinary);
    }

    /** The estimated input tokens of a request: messages, tool definitions and media allowances. */
    public static int estimate(ChatRequest request) {
        int tokens = 3; // the reply's priming
        for (Message m : request.messages()) {
            tokens += PER_MESSAGE + count(m.content());
        }
        for (ToolDefinition tool : request.tools()) {
            tokens += count(tool.name()) + count(tool.description().orElse("")) + count(Json.write(tool.parameters()))
                    + PER_MESSAGE;
        }
        return tokens;
    }

    private static int count(java.util.List<ContentPart> parts) {
        int tokens = 0;
        for (ContentPart part : parts) {
            tokens += switch (part) {
                case ContentPart.Text t -> count(t.text());
                case ContentPart.Refusal r -> count(r.text());
                case ContentPart.Thinking t -> count(t.text());
                case ContentPart.ToolCall c -> count(c.name()) + count(c.arguments());
                case ContentPart.ToolResult r -> count(r.content());
                case ContentPart.Image i -> IMAGE_TOKENS;
                case ContentPart.Document d -> IMAGE_TOKENS;
                case ContentPart.Audio a -> IMAGE_TOKENS;
                case ContentPart.Opaque o -> count(Json.write(o.raw()));
            };
        }
        return tokens;
    }
}
