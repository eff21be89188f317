package dev.junction.dialect.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The AWS SDK signer as the gateway calls it, with the credentials of AWS's published SigV4 test suite
 * ({@code AKIDEXAMPLE}, 2015-08-30T12:36:00Z).
 */
class SigV4SignerTest {

    private static final AwsCredentialsIdentity SUITE = AwsCredentialsIdentity.create("AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final SigV4Signer SIGNER = new SigV4Signer(Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"),
            ZoneOffset.UTC));

    @Test
    void signsTheSuitesRequestWithTheSdkSignerAndItsPayloadHashHeader() {
        // The SDK signer always signs x-amz-content-sha256 too, so the suite's own signatures (which sign only host
        // and x-amz-date) cannot match; the mock's independent verifier, checked against those published vectors in
        // junction-testkit's SigV4VerifierTest, checks this signer's output end to end (BedrockConverseTest).
        Map<String, String> added = SIGNER.sign("GET", "https://example.amazonaws.com/", Map.of(), new byte[0], SUITE,
                "us-east-1", "service");
        assertThat(added).containsEntry("x-amz-date", "20150830T123600Z")
                .containsEntry("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(added.get("authorization")).startsWith(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=");
        assertThat(SigV4Signer.signatureOf(added.get("authorization"))).hasSize(64);
    }

    @Test
    void temporaryCredentialsAddTheSessionTokenAndSignIt() {
        Map<String, String> added = SIGNER.sign("POST", "https://bedrock-runtime.us-east-1.amazonaws.com/model/"
                        + "us.anthropic.claude-sonnet-4-20250514-v1%3A0/converse",
                Map.of("content-type", "application/json"), "{}".getBytes(), AwsSessionCredentialsIdentity.create(
                        "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token-1"),
                "us-east-1", "bedrock");
        assertThat(added).containsEntry("x-amz-security-token", "session-token-1");
        assertThat(SigV4Signer.signedHeadersOf(added.get("authorization")))
                .contains("content-type", "host", "x-amz-date", "x-amz-security-token");
        assertThat(added.get("authorization")).contains("/us-east-1/bedrock/aws4_request");
    }

    @Test
    void theSignatureCoversTheBody() {
        String url = "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse";
        String a = SIGNER.sign("POST", url, Map.of(), "{\"a\":1}".getBytes(), SUITE, "us-east-1", "bedrock")
                .get("authorization");
        String b = SIGNER.sign("POST", url, Map.of(), "{\"a\":2}".getBytes(), SUITE, "us-east-1", "bedrock")
                .get("authorization");
        assertThat(SigV4Signer.signatureOf(a)).isNotEqualTo(SigV4Signer.signatureOf(b));
    }
}
