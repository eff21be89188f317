package dev.junction.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recomputes an AWS Signature Version 4 from a received request, independently of the AWS SDK that the gateway
 * signs with, so the mock proves the gateway's signatures rather than trusting them. It follows the published
 * algorithm: the canonical request (method, the path URI-encoded once more as every service but S3 does, the sorted
 * query, the signed headers lower-cased and trimmed, their names, the payload's SHA-256 or the
 * {@code x-amz-content-sha256} header), the string to sign, and the HMAC chain of the secret over date, region,
 * service and {@code aws4_request}. Stateless.
 */
final class SigV4Verifier {

    private static final HexFormat HEX = HexFormat.of();

    private SigV4Verifier() {}

    /** The parts of an {@code Authorization: AWS4-HMAC-SHA256 …} header. */
    record Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                         String signature) {

        static Optional<Authorization> parse(String header) {
            if (header == null || !header.startsWith("AWS4-HMAC-SHA256 ")) {
                return Optional.empty();
            }
            Map<String, String> parts = new TreeMap<>();
            for (String part : header.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
                }
            }
            String[] scope = parts.getOrDefault("Credential", "").split("/");
            if (scope.length != 5 || !parts.containsKey("SignedHeaders") || !parts.containsKey("Signature")) {
                return Optional.empty();
            }
            return Optional.of(new Authorization(scope[0], scope[1], scope[2], scope[3],
                    List.of(parts.get("SignedHeaders").split(";")), parts.get("Signature")));
        }
    }

    /**
     * The signature of a request.
     *
     * @param rawPath the path as received, still percent-encoded
     * @param rawQuery the query as received, empty for none
     * @param headers header values by lower-case name
     */
    static String signature(String secret, String method, String rawPath, String rawQuery,
                            Map<String, String> headers, List<String> signedHeaders, byte[] body, String amzDate,
                            String region, String service) {
        StringBuilder canonical = new StringBuilder(method).append('\n')
                .append(service.equals("s3") ? rawPath : encodePath(rawPath)).append('\n')
                .append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders) {
            String value = headers.getOrDefault(name, "");
            canonical.append(name).append(':').append(value.strip().replaceAll(" +", " ")).append('\n');
        }
        canonical.append('\n').append(String.join(";", signedHeaders)).append('\n')
                .append(headers.getOrDefault("x-amz-content-sha256", hex(sha256(body))));
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, toSign));
    }

    /** Each segment of an already-encoded path encoded again (its {@code %} becomes {@code %25}). */
    private static String encodePath(String rawPath) {
        String path = rawPath.isEmpty() ? "/" : rawPath;
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-_.~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX.withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>(List.of(rawQuery.split("&")));
        pairs.replaceAll(p -> p.contains("=") ? p : p + "=");
        pairs.sort(null);
        return String.join("&", pairs);
    }

    /** The path and query of a URL, for tests that sign a URL rather than a received request. */
    static String[] pathAndQuery(String url) {
        URI uri = URI.create(url);
        return new String[] {uri.getRawPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery()};
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
