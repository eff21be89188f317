package dev.junction.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ExportFormatTest {

    private static final List<String> COLUMNS = List.of("id", "note", "count");

    private static ObjectNode row(String id, String note, Long count) {
        ObjectNode row = Json.object().put("id", id);
        if (note != null) {
            row.put("note", note);
        }
        return count == null ? row.putNull("count") : row.put("count", count);
    }

    private static String text(io.vertx.core.buffer.Buffer buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvHasAHeaderLineAndQuotesOnlyTheFieldsThatNeedIt() {
        String csv = text(ExportFormat.CSV.head(COLUMNS)) + text(ExportFormat.CSV.rows(COLUMNS, List.of(
                row("a", "plain", 3L), row("b", "with, comma", null), row("c", "say \"hi\"\nbye", 0L),
                row("d", null, 1L))));

        assertThat(csv).isEqualTo("id,note,count\r\n"
                + "a,plain,3\r\n"
                + "b,\"with, comma\",\r\n"
                + "c,\"say \"\"hi\"\"\nbye\",0\r\n"
                + "d,,1\r\n");
    }

    @Test
    void jsonLinesHoldEveryColumnInOrderWithAbsentOnesAsNull() {
        String lines = text(ExportFormat.JSONL.head(COLUMNS)) + text(ExportFormat.JSONL.rows(COLUMNS, List.of(
                row("a", "x", 3L), row("b", null, null))));

        List<JsonNode> parsed = lines.lines().map(l -> Json.tryParse(l).orElseThrow()).toList();
        assertThat(parsed).hasSize(2);
        assertThat(parsed.get(0).propertyNames()).containsExactly("id", "note", "count");
        assertThat(parsed.get(1)).isEqualTo(Json.object().put("id", "b").putNull("note").putNull("count"));
        assertThat(lines).endsWith("\n");
    }

    @Test
    void theFormatIsFoundByItsWireName() {
        assertThat(ExportFormat.ofWireName("jsonl")).contains(ExportFormat.JSONL);
        assertThat(ExportFormat.ofWireName("xlsx")).isEmpty();
    }
}
