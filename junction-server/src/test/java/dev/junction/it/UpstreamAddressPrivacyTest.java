package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An upstream that cannot be reached: the client learns which provider failed, never where it lives; the operator's
 * log keeps the host and port.
 */
class UpstreamAddressPrivacyTest {

    private int closedPort;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // closed again: nothing listens there
        }
        gateway = Gateway.withOpenAiUpstream("http://127.0.0.1:" + closedPort + "/v1", "");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aRefusedConnectionIsReportedByProviderNameWithTheAddressOnlyInTheLog() {
        var response = gateway.post("/v1/chat/completions",
                "{\"model\":\"openai/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        String message = Json.MAPPER.readTree(response.body()).at("/error/message").asString();
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(message).contains("'openai'").contains("refused")
                .doesNotContain("127.0.0.1").doesNotContain(Integer.toString(closedPort));
        assertThat(gateway.awaitLog("127.0.0.1:" + closedPort)).contains("\"provider\":\"openai\"");
    }
}
