package dev.junction.guard.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX model over WordPiece tokens, as the Hugging Face exports of BERT-family models take them: the inputs
 * {@code input_ids} and {@code attention_mask} (and {@code token_type_ids} when the model declares it), each
 * {@code int64 [1, n]}, and the first output the logits, {@code [1, labels]} for a sequence classifier or
 * {@code [1, n, labels]} for a token classifier. Loaded once from the operator's file; {@link #run} is thread safe
 * (ONNX Runtime's sessions are). Nothing is downloaded.
 */
final class OnnxModel implements AutoCloseable {

    private static final String IDS = "input_ids";
    private static final String MASK = "attention_mask";
    private static final String TYPES = "token_type_ids";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Set<String> inputs;

    OnnxModel(Path file, int threads) {
        try {
            this.environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            this.session = environment.createSession(file.toString(), options);
            this.inputs = session.getInputNames();
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot load the ONNX model " + file + ": " + e.getMessage(), e);
        }
        if (!inputs.contains(IDS)) {
            close();
            throw new IllegalArgumentException("the ONNX model " + file + " has no input_ids input (it has "
                    + String.join(", ", inputs) + "): expected a model exported for WordPiece tokens");
        }
    }

    /** The logits of one window: {@code [labels]} for a sequence classifier, {@code [n][labels]} for tokens. */
    Object run(List<WordPiece.Token> window) {
        int n = window.size();
        long[] ids = new long[n];
        long[] ones = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = window.get(i).id();
            ones[i] = 1;
        }
        long[] shape = {1, n};
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put(IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            if (inputs.contains(MASK)) {
                feed.put(MASK, OnnxTensor.createTensor(environment, LongBuffer.wrap(ones), shape));
            }
            if (inputs.contains(TYPES)) {
                feed.put(TYPES, OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[n]), shape));
            }
            try (OrtSession.Result result = session.run(feed)) {
                Object value = result.get(0).getValue();
                if (value instanceof float[][] sequence) {
                    return sequence[0];
                }
                if (value instanceof float[][][] tokens) {
                    return tokens[0];
                }
                throw new IllegalStateException("the model's first output is not float logits of [1, labels] or "
                        + "[1, n, labels]");
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the ONNX model failed: " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // nothing more to release
        }
    }
}
