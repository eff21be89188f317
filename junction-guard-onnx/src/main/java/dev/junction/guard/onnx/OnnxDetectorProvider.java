package dev.junction.guard.onnx;

import dev.junction.guard.Detector;
import dev.junction.guard.DetectorProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code onnx} detector provider: a local ONNX model the operator names in
 * {@code guardrails.detectors.<name>: {provider: onnx, settings: {...}}} (see {@code docs/guardrails.md}). A model is
 * loaded once per file version and shared by the configurations that name it, so a reload that leaves it alone does
 * not load it again.
 */
public final class OnnxDetectorProvider implements DetectorProvider {

    private static final Set<String> SETTINGS = Set.of("model", "vocabulary", "task", "labels", "entity_types",
            "threshold", "max_tokens", "lowercase", "threads");
    private static final Map<String, OnnxModel> MODELS = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public Detector create(String phoneRegion) {
        throw new IllegalArgumentException("detector 'onnx' needs settings (model, vocabulary, labels, "
                + "entity_types): configure it under guardrails.detectors.<name> with provider: onnx");
    }

    @Override
    public Detector create(String phoneRegion, ObjectNode settings) {
        if (settings.isEmpty()) {
            return create(phoneRegion);
        }
        for (String key : settings.propertyNames()) {
            if (!SETTINGS.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' (expected "
                        + String.join(", ", SETTINGS.stream().sorted().toList()) + ")");
            }
        }
        Path model = file(settings, "model");
        Path vocabulary = file(settings, "vocabulary");
        OnnxDetector.Task task = task(settings.path("task").asString("classify"));
        List<String> labels = labels(settings.get("labels"));
        Map<String, String> types = entityTypes(settings.get("entity_types"), labels, task);
        double threshold = number(settings, "threshold", 0.5, 0, 1);
        int window = (int) number(settings, "max_tokens", 512, 8, 8192);
        int threads = (int) number(settings, "threads", 1, 1, 64);
        boolean lowercase = settings.path("lowercase").asBoolean(true);
        WordPiece tokenizer;
        try {
            tokenizer = WordPiece.read(vocabulary, lowercase);
        } catch (IOException e) {
            throw new IllegalArgumentException("vocabulary: cannot read " + vocabulary + ": " + e.getMessage());
        }
        return new OnnxDetector(name(), model(model, threads), tokenizer, task, labels, types, threshold, window);
    }

    /** The model of {@code file} as it is now, loaded the first time this version of the file is asked for. */
    private static OnnxModel model(Path file, int threads) {
        String key;
        try {
            key = file.toRealPath() + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis() + ":"
                    + threads;
        } catch (IOException e) {
            throw new IllegalArgumentException("model: cannot read " + file + ": " + e.getMessage());
        }
        return MODELS.computeIfAbsent(key, k -> new OnnxModel(file, threads));
    }

    private static Path file(ObjectNode settings, String key) {
        JsonNode node = settings.get(key);
        if (node == null || !node.isString() || node.asString().isBlank()) {
            throw new IllegalArgumentException(key + ": required, the path of the model's "
                    + (key.equals("model") ? ".onnx file" : "vocab.txt"));
        }
        Path path = Path.of(node.asString());
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(key + ": no such file: " + path);
        }
        return path;
    }

    private static OnnxDetector.Task task(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "classify" -> OnnxDetector.Task.CLASSIFY;
            case "tokens" -> OnnxDetector.Task.TOKENS;
            default -> throw new IllegalArgumentException("task: expected classify or tokens, got '" + value + "'");
        };
    }

    private static List<String> labels(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("labels: required, the model's labels in the order of its outputs");
        }
        List<String> labels = new ArrayList<>();
        node.forEach(l -> labels.add(l.asString()));
        return labels;
    }

    private static Map<String, String> entityTypes(JsonNode node, List<String> labels, OnnxDetector.Task task) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException("entity_types: required, the entity type each reported label is "
                    + "found as (e.g. {INJECTION: PROMPT_INJECTION} or {PER: PERSON, LOC: LOCATION})");
        }
        Set<String> known = new java.util.LinkedHashSet<>();
        for (String l : labels) {
            known.add(task == OnnxDetector.Task.TOKENS && (l.startsWith("B-") || l.startsWith("I-"))
                    ? l.substring(2) : l);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : node.properties()) {
            if (!known.contains(e.getKey())) {
                throw new IllegalArgumentException("entity_types." + e.getKey() + ": not one of the labels ("
                        + String.join(", ", known) + ")");
            }
            String type = e.getValue().asString("");
            if (!type.matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalArgumentException("entity_types." + e.getKey() + ": expected an entity type in "
                        + "upper case (PERSON, PROMPT_INJECTION), got '" + type + "'");
            }
            out.put(e.getKey(), type);
        }
        return out;
    }

    private static double number(ObjectNode settings, String key, double otherwise, double min, double max) {
        JsonNode node = settings.get(key);
        if (node == null) {
            return otherwise;
        }
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            throw new IllegalArgumentException(key + ": expected a number from " + fmt(min) + " to " + fmt(max));
        }
        return node.asDouble();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
