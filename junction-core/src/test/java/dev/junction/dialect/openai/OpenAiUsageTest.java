package dev.junction.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiUsageTest {

    @Test
    void usageIsReadFromAResponseBodyWithoutItsChoices() {
        byte[] body = OpenAiFixtures.bytes("response.tools.json");

        Usage usage = OpenAiUsage.usageOf(body).orElseThrow();

        assertThat(usage).isEqualTo(OpenAiUsage.read(OpenAiFixtures.json("response.tools.json").get("usage")));
        assertThat(usage.inputTokens()).isPositive();
    }

    @Test
    void bodyWithoutUsageReportsZero() {
        assertThat(OpenAiUsage.usageOf("{\"id\":\"x\",\"choices\":[]}".getBytes(StandardCharsets.UTF_8)))
                .contains(Usage.ZERO);
    }

    @Test
    void bodyThatIsNotAJsonObjectIsRejected() {
        assertThat(OpenAiUsage.usageOf("<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(OpenAiUsage.usageOf("[1,2]".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(OpenAiUsage.usageOf("{\"usage\":".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
