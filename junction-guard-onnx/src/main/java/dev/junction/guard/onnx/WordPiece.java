package dev.junction.guard.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The WordPiece tokenizer of BERT-family models (BERT, DistilBERT, the common NER and prompt-injection classifiers
 * built on them), read from the model's {@code vocab.txt}: the text is split on white space and punctuation
 * (lower-cased and stripped of accents for an uncased model), and each word into the longest pieces the vocabulary
 * has, continuations marked {@code ##}; a word it cannot split is {@code [UNK]}. Every token keeps its span in the
 * original text, so that findings point at what was scanned. Immutable, thread safe.
 */
final class WordPiece {

    /** The longest word split into pieces; a longer one is {@code [UNK]} (as in BERT). */
    private static final int MAX_WORD = 100;

    private final Map<String, Integer> ids;
    private final boolean lowercase;
    private final int unknown;
    private final int cls;
    private final int sep;

    /** One token: its id and its span {@code [start, end)} in the text ({@code [CLS]} and {@code [SEP]} are empty). */
    record Token(int id, int start, int end) {
    }

    WordPiece(Map<String, Integer> ids, boolean lowercase) {
        this.ids = Map.copyOf(ids);
        this.lowercase = lowercase;
        this.unknown = required("[UNK]");
        this.cls = required("[CLS]");
        this.sep = required("[SEP]");
    }

    /** The vocabulary of {@code vocab.txt}: one token a line, its id the line's number from 0. */
    static WordPiece read(Path vocabulary, boolean lowercase) throws IOException {
        Map<String, Integer> ids = new HashMap<>();
        List<String> lines = Files.readAllLines(vocabulary, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            ids.putIfAbsent(lines.get(i).strip(), i);
        }
        return new WordPiece(ids, lowercase);
    }

    private int required(String token) {
        Integer id = ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException("the vocabulary has no " + token + " token: not a WordPiece vocab.txt");
        }
        return id;
    }

    /**
     * The tokens of {@code text}, cut into windows of at most {@code window} tokens each, every window framed by
     * {@code [CLS]} and {@code [SEP]} (so a window holds {@code window - 2} of the text's tokens).
     */
    List<List<Token>> windows(CharSequence text, int window) {
        List<Token> all = tokens(text);
        int per = window - 2;
        List<List<Token>> out = new ArrayList<>();
        for (int from = 0; from < all.size() || out.isEmpty(); from += per) {
            List<Token> w = new ArrayList<>(Math.min(per, all.size() - from) + 2);
            w.add(new Token(cls, 0, 0));
            w.addAll(all.subList(Math.min(from, all.size()), Math.min(from + per, all.size())));
            w.add(new Token(sep, text.length(), text.length()));
            out.add(w);
        }
        return out;
    }

    /** The text's tokens, without {@code [CLS]} and {@code [SEP]}. */
    List<Token> tokens(CharSequence text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                i++;
                continue;
            }
            if (punctuation(c)) {
                out.add(new Token(ids.getOrDefault(normal(String.valueOf(c)), unknown), i, i + 1));
                i++;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i)) && !punctuation(text.charAt(i))) {
                i++;
            }
            pieces(text, start, i, out);
        }
        return out;
    }

    /** Splits the word {@code [start, end)} greedily into the longest pieces the vocabulary holds. */
    private void pieces(CharSequence text, int start, int end, List<Token> out) {
        String word = normal(text.subSequence(start, end).toString());
        if (end - start > MAX_WORD || word.length() != end - start) {
            // Too long, or normalised to another length (the spans could not follow): one unknown token.
            out.add(new Token(ids.getOrDefault(word, unknown), start, end));
            return;
        }
        List<Token> found = new ArrayList<>();
        int from = 0;
        while (from < word.length()) {
            int to = word.length();
            Integer id = null;
            while (to > from) {
                String piece = (from > 0 ? "##" : "") + word.substring(from, to);
                id = ids.get(piece);
                if (id != null) {
                    break;
                }
                to--;
            }
            if (id == null) {
                out.add(new Token(unknown, start, end));
                return;
            }
            found.add(new Token(id, start + from, start + to));
            from = to;
        }
        out.addAll(found);
    }

    private String normal(String s) {
        if (!lowercase) {
            return s;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        String stripped = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{Mn}", "");
        return stripped;
    }

    /** BERT's punctuation: the ASCII symbols and every Unicode punctuation character. */
    private static boolean punctuation(char c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }
}
