package dev.junction.guard.onnx;

import dev.junction.guard.Detector;
import dev.junction.guard.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A guardrail detector running a local ONNX model over the text: a sequence classifier (prompt injection, jailbreak:
 * a finding over the whole text when a mapped label's probability reaches the threshold in some window of the text)
 * or a token classifier (names and locations: a finding per run of tokens tagged with a mapped label, {@code B-}/
 * {@code I-} prefixes read as one entity). Holds no text. Thread safe.
 */
final class OnnxDetector implements Detector {

    /** What the model's output means. */
    enum Task {
        /** {@code [labels]} logits for the whole window. */
        CLASSIFY,
        /** {@code [n][labels]} logits, one row a token. */
        TOKENS
    }

    private final String name;
    private final OnnxModel model;
    private final WordPiece tokenizer;
    private final Task task;
    private final List<String> labels;
    private final Map<String, String> entityTypes;
    private final double threshold;
    private final int window;

    /**
     * @param labels the model's labels in the order of its logits
     * @param entityTypes the entity type each reported label is found as (by label, {@code B-}/{@code I-} stripped);
     *     labels not named are not reported
     */
    OnnxDetector(String name, OnnxModel model, WordPiece tokenizer, Task task, List<String> labels,
                 Map<String, String> entityTypes, double threshold, int window) {
        this.name = name;
        this.model = model;
        this.tokenizer = tokenizer;
        this.task = task;
        this.labels = List.copyOf(labels);
        this.entityTypes = Map.copyOf(entityTypes);
        this.threshold = threshold;
        this.window = window;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> entityTypes() {
        return new LinkedHashSet<>(entityTypes.values());
    }

    @Override
    public List<Finding> scan(CharSequence text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (List<WordPiece.Token> w : tokenizer.windows(text, window)) {
            Object logits = model.run(w);
            if (task == Task.CLASSIFY) {
                classified((float[]) logits, text.length(), out);
            } else {
                tagged((float[][]) logits, w, out);
            }
        }
        if (task == Task.CLASSIFY) {
            return strongestPerType(out);
        }
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    private void classified(float[] logits, int length, List<Finding> out) {
        double[] p = softmax(logits);
        for (int i = 0; i < p.length && i < labels.size(); i++) {
            String type = entityTypes.get(labels.get(i));
            if (type != null && p[i] >= threshold) {
                out.add(new Finding(type, 0, length, clamp(p[i])));
            }
        }
    }

    /** Runs of tokens whose best label maps to the same entity type, a {@code B-} label starting a new one. */
    private void tagged(float[][] logits, List<WordPiece.Token> w, List<Finding> out) {
        String open = null;
        int start = 0;
        int end = 0;
        double least = 1;
        for (int t = 1; t < w.size() - 1 && t < logits.length; t++) { // not [CLS], [SEP]
            double[] p = softmax(logits[t]);
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                if (p[i] > p[best]) {
                    best = i;
                }
            }
            String label = best < labels.size() ? labels.get(best) : "";
            boolean begins = label.startsWith("B-");
            String type = p[best] >= threshold ? entityTypes.get(strip(label)) : null;
            WordPiece.Token token = w.get(t);
            if (open != null && (type == null || !type.equals(open) || begins)) {
                out.add(new Finding(open, start, end, clamp(least)));
                open = null;
            }
            if (type != null) {
                if (open == null) {
                    open = type;
                    start = token.start();
                    least = 1;
                }
                end = token.end();
                least = Math.min(least, p[best]);
            }
        }
        if (open != null) {
            out.add(new Finding(open, start, end, clamp(least)));
        }
    }

    private static String strip(String label) {
        return label.startsWith("B-") || label.startsWith("I-") ? label.substring(2) : label;
    }

    /** One finding per entity type over the whole text, the most confident window's. */
    private static List<Finding> strongestPerType(List<Finding> all) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : all) {
            int same = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).entityType().equals(f.entityType())) {
                    same = i;
                }
            }
            if (same < 0) {
                out.add(f);
            } else if (f.confidence() > out.get(same).confidence()) {
                out.set(same, f);
            }
        }
        return out;
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    private static double clamp(double p) {
        return Math.max(0, Math.min(1, p));
    }
}
