package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** What {@code junction serve} prints while it starts, in each log format. */
class ServeStartupTest {

    private static final List<String> LIBRARIES = List.of("org.flywaydb", "com.zaxxer.hikari", "io.vertx",
            "io.netty", "io.lettuce");

    @Test
    void startingWithStdoutNotATerminalPrintsAFewJsonLinesAndNoLibraryChatter(@TempDir Path dir) throws Exception {
        List<String> lines = ServeProcess.startUp(dir, line -> line.contains("ANYONE"));

        assertThat(lines).allMatch(line -> Json.tryParse(line).filter(JsonNode::isObject).isPresent());
        List<JsonNode> events = lines.stream().map(line -> Json.tryParse(line).orElseThrow()).toList();
        assertThat(events).extracting(e -> e.path("logger").asString())
                .noneMatch(logger -> LIBRARIES.stream().anyMatch(logger::startsWith));
        assertThat(events).extracting(e -> e.path("msg").asString()).hasSize(5)
                .anyMatch(msg -> msg.startsWith("Junction") && msg.contains(" listening on http://localhost:"))
                .anyMatch(msg -> msg.startsWith("Providers: mock"))
                .anyMatch(msg -> msg.startsWith("Data: SQLite database"))
                .anyMatch(msg -> msg.startsWith("The gateway is OPEN: no gateway key, admin key or virtual key exists"))
                .filteredOn(msg -> msg.contains("Back up")).hasSize(1);
        assertThat(events).filteredOn(e -> e.has("secret_key_file")).singleElement()
                .satisfies(e -> assertThat(e.path("level").asString()).isEqualTo("WARN"));
    }

    @Test
    void theTextFormatSaysWhereItListensWhatItServesWhereTheDataLivesAndThatItIsOpen(@TempDir Path dir)
            throws Exception {
        List<String> lines = ServeProcess.startUp(dir, line -> line.contains("ANYONE"), "--log-format", "text");

        assertThat(lines).hasSize(5).noneMatch(line -> line.startsWith("{"));
        assertThat(lines.get(0)).contains("WARN", "Created the gateway's secret key in ", "secret.key",
                "Back up this file along with the database");
        assertThat(lines.get(1)).contains("INFO", "listening on http://localhost:").doesNotContain("port=");
        assertThat(lines.get(2)).contains("Providers: mock (try the model mock/echo); routes: none")
                .doesNotContain("providers=");
        assertThat(lines.get(3)).contains("Data: SQLite database ", "junction.db", "secret.key");
        assertThat(lines.get(4)).contains("WARN", "The gateway is OPEN", "ANYONE").doesNotContain("auth=open");
    }

    @Test
    void withAnOtlpEndpointItSaysWhereTracesGoWithoutTheirCredentials(@TempDir Path dir) throws Exception {
        List<String> lines = ServeProcess.startUp(dir, java.util.Map.of("OTLP_ENDPOINT", "127.0.0.1:9",
                "OTLP_API_KEY", "tracer:very-secret-otlp-token"), line -> line.contains("ANYONE"),
                "--log-format", "text");

        assertThat(lines).anyMatch(line -> line.contains(
                "Tracing: OTLP spans to http://127.0.0.1:9/v1/traces as service junction, sampling 1.0"));
        assertThat(String.join("\n", lines)).doesNotContain("very-secret-otlp-token");
    }

    @Test
    void aLaterStartSaysNothingMoreAboutTheSecretKey(@TempDir Path dir) throws Exception {
        ServeProcess.startUp(dir, line -> line.contains("ANYONE"), "--log-format", "text");

        List<String> again = ServeProcess.startUp(dir, line -> line.contains("ANYONE"), "--log-format", "text");

        assertThat(again).hasSize(4).noneMatch(line -> line.contains("Back up"));
    }
}
