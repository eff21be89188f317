package dev.junction.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The assistant output of one choice, rendered either as a whole message (non-stream) or as the
 * sequence of stream deltas that reassemble to it. All choices of a response share one completion.
 */
sealed interface Completion {

    /** {@return the finish reason of every choice} */
    String finishReason();

    /** {@return completion tokens of one choice} */
    int completionTokens();

    /** Appends the {@code message} object of a non-stream choice. */
    void appendMessage(StringBuilder json);

    /** {@return the {@code delta} objects of one choice, in order, before the finish chunk} */
    List<String> deltas();

    /**
     * Plain assistant text, streamed one word per chunk. Each piece keeps the whitespace that precedes
     * its word (" How", " can"), so the pieces concatenate to the text exactly.
     */
    record Text(String text) implements Completion {

        private static final String ROLE_DELTA = "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}";

        @Override
        public String finishReason() {
            return "stop";
        }

        @Override
        public int completionTokens() {
            int words = 0;
            for (String piece : pieces()) {
                if (!piece.isBlank()) {
                    words++;
                }
            }
            return words;
        }

        @Override
        public void appendMessage(StringBuilder json) {
            json.append("{\"role\":\"assistant\",\"content\":");
            JsonText.appendQuoted(json, text);
            json.append(",\"refusal\":null,\"annotations\":[]}");
        }

        @Override
        public List<String> deltas() {
            List<String> pieces = pieces();
            List<String> deltas = new ArrayList<>(pieces.size() + 1);
            deltas.add(ROLE_DELTA);
            for (String piece : pieces) {
                StringBuilder delta = new StringBuilder(piece.length() + 16).append("{\"content\":");
                deltas.add(JsonText.appendQuoted(delta, piece).append('}').toString());
            }
            return deltas;
        }

        /** Splits before every whitespace run that follows a non-whitespace character. */
        List<String> pieces() {
            List<String> pieces = new ArrayList<>();
            int start = 0;
            for (int i = 1; i < text.length(); i++) {
                if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                    pieces.add(text.substring(start, i));
                    start = i;
                }
            }
            if (start < text.length()) {
                pieces.add(text.substring(start));
            }
            return pieces;
        }
    }

    /**
     * Tool calls, streamed like OpenAI does: the first fragment of each call carries its index, id, type
     * and name with empty arguments (the very first one also the role), then the arguments follow in
     * several fragments. Call 0 is complete before call 1 starts.
     */
    record ToolCalls(List<ToolCall> calls) implements Completion {

        private static final int ARGUMENT_FRAGMENT_CHARS = 12;

        @Override
        public String finishReason() {
            return "tool_calls";
        }

        @Override
        public int completionTokens() {
            int chars = 0;
            for (ToolCall call : calls) {
                chars += call.arguments().length();
            }
            return Math.max(1, chars / 4);
        }

        @Override
        public void appendMessage(StringBuilder json) {
            json.append("{\"role\":\"assistant\",\"content\":null,\"refusal\":null,\"annotations\":[],\"tool_calls\":[");
            for (int i = 0; i < calls.size(); i++) {
                ToolCall call = calls.get(i);
                json.append(i == 0 ? "{\"id\":" : ",{\"id\":");
                JsonText.appendQuoted(json, call.id()).append(",\"type\":\"function\",\"function\":{\"name\":");
                JsonText.appendQuoted(json, call.name()).append(",\"arguments\":");
                JsonText.appendQuoted(json, call.arguments()).append("}}");
            }
            json.append("]}");
        }

        @Override
        public List<String> deltas() {
            List<String> deltas = new ArrayList<>();
            for (int index = 0; index < calls.size(); index++) {
                ToolCall call = calls.get(index);
                StringBuilder first = new StringBuilder(160);
                first.append(index == 0 ? "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" : "{\"tool_calls\":[");
                first.append("{\"index\":").append(index).append(",\"id\":");
                JsonText.appendQuoted(first, call.id()).append(",\"type\":\"function\",\"function\":{\"name\":");
                JsonText.appendQuoted(first, call.name()).append(",\"arguments\":\"\"}}]");
                deltas.add(first.append(index == 0 ? ",\"refusal\":null}" : "}").toString());
                for (String fragment : fragments(call.arguments())) {
                    StringBuilder delta = new StringBuilder(64 + fragment.length());
                    delta.append("{\"tool_calls\":[{\"index\":").append(index).append(",\"function\":{\"arguments\":");
                    deltas.add(JsonText.appendQuoted(delta, fragment).append("}}]}").toString());
                }
            }
            return deltas;
        }

        /** Cuts the arguments into short fragments, never between the halves of a surrogate pair. */
        static List<String> fragments(String arguments) {
            List<String> fragments = new ArrayList<>();
            int start = 0;
            while (start < arguments.length()) {
                int end = Math.min(arguments.length(), start + ARGUMENT_FRAGMENT_CHARS);
                if (end < arguments.length() && Character.isHighSurrogate(arguments.charAt(end - 1))) {
                    end++;
                }
                fragments.add(arguments.substring(start, end));
                start = end;
            }
            return fragments;
        }
    }
}
