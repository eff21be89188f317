package dev.junction.dialect.bedrock;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs a request with AWS Signature Version 4, by the AWS SDK's own {@link AwsV4HttpSigner}, over the exact bytes
 * and the exact (already percent-encoded) path that are sent. Only the headers passed in are signed; the result is
 * the headers to add ({@code authorization}, {@code x-amz-date}, and {@code x-amz-security-token} for temporary
 * credentials). Thread safe.
 */
public final class SigV4Signer {

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final Clock clock;

    public SigV4Signer(Clock clock) {
        this.clock = clock;
    }

    /**
     * The headers a signed request adds to {@code signedHeaders}.
     *
     * @param url the absolute URL as sent, its path already percent-encoded
     * @param signedHeaders the headers to sign besides {@code host} (taken from the URL)
     */
    public Map<String, String> sign(String method, String url, Map<String, String> signedHeaders, byte[] body,
                                    AwsCredentialsIdentity credentials, String region, String service) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(url));
        signedHeaders.forEach(request::putHeader);
        SignedRequest signed = SIGNER.sign(r -> r.identity(credentials).request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> added = new LinkedHashMap<>();
        signed.request().forEachHeader((name, values) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!signedHeaders.containsKey(lower) && !lower.equals("host") && !values.isEmpty()) {
                added.put(lower, String.join(",", values));
            }
        });
        return added;
    }

    /** The {@code Signature=} part of an {@code authorization} header value; empty if it has none. */
    public static String signatureOf(String authorization) {
        int at = authorization.indexOf("Signature=");
        return at < 0 ? "" : authorization.substring(at + "Signature=".length()).strip();
    }

    /** The signed header names listed in an {@code authorization} header value. */
    public static List<String> signedHeadersOf(String authorization) {
        int at = authorization.indexOf("SignedHeaders=");
        if (at < 0) {
            return List.of();
        }
        String rest = authorization.substring(at + "SignedHeaders=".length());
        int end = rest.indexOf(',');
        return List.of((end < 0 ? rest : rest.substring(0, end)).strip().split(";"));
    }
}
