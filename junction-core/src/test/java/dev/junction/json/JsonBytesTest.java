package dev.junction.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBytesTest {

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsEveryStringValueOfTheNameAtAnyDepthInOrder() {
        byte[] body = bytes("{\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"},"
                + "{\"index\":1, \"finish_reason\" :\n \"length\"}],\"finish_reason\":\"x\"}");

        assertThat(JsonBytes.stringValues(body, "finish_reason")).containsExactly("stop", "length", "x");
    }

    @Test
    void skipsNullsOtherTypesAndLookAlikesInsideStrings() {
        byte[] body = bytes("{\"finish_reason\":null,\"n\":{\"finish_reason\":3},"
                + "\"content\":\"she wrote \\\"finish_reason\\\":\\\"fake\\\" here\",\"finish_reasons\":\"no\","
                + "\"a_finish_reason\":\"no\"}");

        assertThat(JsonBytes.stringValues(body, "finish_reason")).isEmpty();
    }

    @Test
    void readsARegionOnlyAndSkipsOverlongValues() {
        String padded = "xx{\"s\":\"ok\"}{\"s\":\"" + "v".repeat(JsonBytes.MAX_VALUE + 1) + "\"}{\"s\":\"late\"}";
        byte[] all = bytes(padded);

        assertThat(JsonBytes.stringValues(all, 2, 10, "s")).containsExactly("ok");
        assertThat(JsonBytes.stringValues(all, "s")).containsExactly("ok", "late");
    }
}
