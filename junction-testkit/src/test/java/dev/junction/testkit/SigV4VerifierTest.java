package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mock's independent SigV4 computation against AWS's published test suite (credentials {@code AKIDEXAMPLE},
 * region {@code us-east-1}, service {@code service}, {@code 20150830T123600Z}, host {@code example.amazonaws.com}).
 */
class SigV4VerifierTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Map<String, String> HEADERS = Map.of("host", "example.amazonaws.com", "x-amz-date",
            "20150830T123600Z");

    private static String sign(String method, String query) {
        return SigV4Verifier.signature(SECRET, method, "/", query, HEADERS, List.of("host", "x-amz-date"),
                new byte[0], "20150830T123600Z", "us-east-1", "service");
    }

    @Test
    void getVanilla() {
        assertThat(sign("GET", "")).isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void postVanilla() {
        assertThat(sign("POST", "")).isEqualTo("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    @Test
    void getVanillaQueryOrderKeyCase() {
        assertThat(sign("GET", "Param2=value2&Param1=value1"))
                .isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }

    @Test
    void theAuthorizationHeaderIsParsed() {
        SigV4Verifier.Authorization auth = SigV4Verifier.Authorization.parse("AWS4-HMAC-SHA256 "
                + "Credential=AKIDEXAMPLE/20150830/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, "
                + "Signature=abc").orElseThrow();
        assertThat(auth.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(auth.service()).isEqualTo("bedrock");
        assertThat(auth.signedHeaders()).containsExactly("host", "x-amz-date");
        assertThat(SigV4Verifier.Authorization.parse("Bearer x")).isEmpty();
    }
}
