package dev.junction.export;

import dev.junction.json.Json;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How exported rows are written: CSV (RFC 4180: a header line, commas, fields with a comma, quote or line break in
 * double quotes, {@code CRLF} line ends; an absent value is an empty field) or JSON lines (one object per line, the
 * columns in order, absent values as {@code null}). A row is a flat JSON object of the export's columns. Stateless.
 */
public enum ExportFormat {
    /** Comma-separated values with a header line. */
    CSV("csv", "text/csv; charset=utf-8"),
    /** One JSON object per line. */
    JSONL("jsonl", "application/x-ndjson");

    private final String wireName;
    private final String contentType;

    ExportFormat(String wireName, String contentType) {
        this.wireName = wireName;
        this.contentType = contentType;
    }

    /** The name of the {@code format} parameter's value and of the file's extension. */
    public String wireName() {
        return wireName;
    }

    /** The answer's {@code Content-Type}. */
    public String contentType() {
        return contentType;
    }

    /** The format of this name. */
    public static Optional<ExportFormat> ofWireName(String name) {
        for (ExportFormat f : values()) {
            if (f.wireName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** What comes before the rows: the CSV header line; nothing for JSON lines. */
    public Buffer head(List<String> columns) {
        if (this == JSONL) {
            return Buffer.buffer();
        }
        StringBuilder line = new StringBuilder();
        for (String column : columns) {
            if (!line.isEmpty()) {
                line.append(',');
            }
            line.append(csvField(column));
        }
        return Buffer.buffer(line.append("\r\n").toString(), StandardCharsets.UTF_8.name());
    }

    /** The rows, each with exactly the columns in order (a missing one as absent). */
    public Buffer rows(List<String> columns, List<ObjectNode> rows) {
        Buffer out = Buffer.buffer();
        for (ObjectNode row : rows) {
            if (this == JSONL) {
                ObjectNode ordered = Json.object();
                for (String column : columns) {
                    if (row.has(column)) {
                        ordered.set(column, row.get(column));
                    } else {
                        ordered.putNull(column);
                    }
                }
                out.appendBytes(Json.bytes(ordered)).appendByte((byte) '\n');
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                JsonNode value = row.get(columns.get(i));
                if (value != null && !value.isNull()) {
                    line.append(csvField(value.isString() ? value.stringValue() : value.toString()));
                }
            }
            out.appendString(line.append("\r\n").toString(), StandardCharsets.UTF_8.name());
        }
        return out;
    }

    /** A field quoted when it holds a comma, a quote or a line break (quotes doubled), else as it is. */
    static String csvField(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
