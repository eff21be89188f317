package dev.junction.guard.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes tiny ONNX models for the tests, encoding the ONNX protobuf messages by hand (no ONNX library needed): an
 * embedding table looked up by token id ({@code Gather}), reduced over the sequence ({@code ReduceMax}) for a
 * sequence classifier or left per token for a token classifier. The table's rows are the logits a token votes for,
 * so the tests choose what the "model" finds. Test helper.
 */
final class TinyModels {

    private TinyModels() {
    }

    /** The vocabulary file: one token a line. */
    static Path vocabulary(Path dir, List<String> tokens) {
        try {
            return Files.write(dir.resolve("vocab.txt"), tokens, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A sequence classifier: logits {@code [1, labels]}, each the highest of the text's tokens' rows.
     *
     * @param rows each token's logits, by token id; tokens not listed vote {@code base}
     */
    static Path classifier(Path file, int vocabulary, float[] base, Map<Integer, float[]> rows) {
        byte[] table = table(vocabulary, base, rows);
        int labels = base.length;
        Proto graph = new Proto()
                .message(1, node(List.of("table", "input_ids"), "embedded", "Gather", new Proto().string(1, "axis")
                        .varint(3, 0).varint(20, 2)))
                .message(1, node(List.of("embedded"), "logits", "ReduceMax", new Proto().string(1, "axes")
                        .varint(8, 1).varint(20, 7), new Proto().string(1, "keepdims").varint(3, 0).varint(20, 2)))
                .string(2, "tiny-classifier")
                .message(5, tensor("table", vocabulary, labels, table))
                .message(11, valueInfo("input_ids", 7, "batch", "sequence"))
                .message(11, valueInfo("attention_mask", 7, "batch", "sequence"))
                .message(12, valueInfo("logits", 1, "batch", Integer.toString(labels)));
        return write(file, graph);
    }

    /** A token classifier: logits {@code [1, n, labels]}, each token's row. */
    static Path tagger(Path file, int vocabulary, float[] base, Map<Integer, float[]> rows) {
        byte[] table = table(vocabulary, base, rows);
        int labels = base.length;
        Proto graph = new Proto()
                .message(1, node(List.of("table", "input_ids"), "logits", "Gather", new Proto().string(1, "axis")
                        .varint(3, 0).varint(20, 2)))
                .string(2, "tiny-tagger")
                .message(5, tensor("table", vocabulary, labels, table))
                .message(11, valueInfo("input_ids", 7, "batch", "sequence"))
                .message(11, valueInfo("attention_mask", 7, "batch", "sequence"))
                .message(11, valueInfo("token_type_ids", 7, "batch", "sequence"))
                .message(12, valueInfo("logits", 1, "batch", "sequence", Integer.toString(labels)));
        return write(file, graph);
    }

    private static Path write(Path file, Proto graph) {
        Proto model = new Proto().varint(1, 8).string(2, "junction-tests")
                .message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 13));
        try {
            return Files.write(file, model.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] table(int vocabulary, float[] base, Map<Integer, float[]> rows) {
        ByteBuffer out = ByteBuffer.allocate(vocabulary * base.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int id = 0; id < vocabulary; id++) {
            for (float f : rows.getOrDefault(id, base)) {
                out.putFloat(f);
            }
        }
        return out.array();
    }

    private static Proto node(List<String> inputs, String output, String op, Proto... attributes) {
        Proto node = new Proto();
        inputs.forEach(i -> node.string(1, i));
        node.string(2, output).string(3, op + "-" + output).string(4, op);
        for (Proto a : attributes) {
            node.message(5, a);
        }
        return node;
    }

    /** A float tensor {@code [rows, columns]} from little-endian raw data. */
    private static Proto tensor(String name, int rows, int columns, byte[] raw) {
        return new Proto().varint(1, rows).varint(1, columns).varint(2, 1).string(8, name).bytes(9, raw);
    }

    /** A graph input or output: its element type (1 float, 7 int64) and its dimensions, numbers or names. */
    private static Proto valueInfo(String name, int elementType, String... dims) {
        Proto shape = new Proto();
        for (String d : dims) {
            shape.message(1, d.chars().allMatch(Character::isDigit) ? new Proto().varint(1, Long.parseLong(d))
                    : new Proto().string(2, d));
        }
        Proto tensor = new Proto().varint(1, elementType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensor));
    }

    /** A protobuf message being written: fields appended in order. */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            key(field, 0);
            raw(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.bytes());
        }

        Proto bytes(int field, byte[] value) {
            key(field, 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void key(int field, int wire) {
            raw(((long) field << 3) | wire);
        }

        private void raw(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
