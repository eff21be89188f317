package dev.junction.alert.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC-SHA256 signatures the channels need. Stateless. */
public final class Signatures {

    private Signatures() {}

    /** HMAC-SHA256 of {@code data} under {@code key}, both UTF-8. */
    public static byte[] hmacSha256(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Feishu/Lark: base64(HMAC-SHA256(key = timestamp + "\n" + secret, data = empty)); timestamp in seconds. */
    public static String feishu(long epochSeconds, String secret) {
        return Base64.getEncoder().encodeToString(hmacSha256(epochSeconds + "\n" + secret, ""));
    }

    /** DingTalk: base64(HMAC-SHA256(key = secret, data = timestamp + "\n" + secret)), before URL encoding. */
    public static String dingTalk(long epochMillis, String secret) {
        return Base64.getEncoder().encodeToString(hmacSha256(secret, epochMillis + "\n" + secret));
    }

    /** The generic webhook: {@code sha256=} hex(HMAC-SHA256(key = secret, data = timestamp + "." + body)). */
    public static String webhook(long epochSeconds, byte[] body, String secret) {
        return "sha256=" + HexFormat.of().formatHex(hmacSha256(secret,
                epochSeconds + "." + new String(body, StandardCharsets.UTF_8)));
    }
}
