package dev.junction.testkit;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mock's Google OAuth2 token endpoint ({@code POST /token}, the JWT-bearer grant a service account's
 * {@code token_uri} names) and the access tokens it issued, which the Vertex AI paths require as
 * {@code Authorization: Bearer}. An assertion is accepted only when it is an RS256 JWT signed by the private key of
 * a service account the test {@linkplain #trust trusted}, for Google's token endpoint or this one ({@code aud}) and the
 * {@code cloud-platform} scope, and not expired. Issued tokens outlive {@link MockUpstream#reset()}, as a real
 * token outlives a test's scenario. Thread safe.
 */
public final class GoogleTokenEndpoint {

    /** The path of the token endpoint. */
    public static final String PATH = "/token";

    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    /** The audience Google's auth library names in every service-account assertion, whatever its token URI. */
    static final String AUDIENCE = "https://oauth2.googleapis.com/token";
    private static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final Map<String, PublicKey> trusted = new ConcurrentHashMap<>();
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final AtomicReference<Duration> lifetime = new AtomicReference<>(Duration.ofHours(1));
    private final AtomicInteger count = new AtomicInteger();

    GoogleTokenEndpoint() {}

    /** Accepts assertions signed for the service account {@code clientEmail} with the private key of {@code key}. */
    public void trust(String clientEmail, PublicKey key) {
        trusted.put(clientEmail, key);
    }

    /** Makes later tokens expire {@code duration} after they are issued ({@code expires_in}); one hour by default. */
    public void tokenLifetime(Duration duration) {
        lifetime.set(duration);
    }

    /** {@return how many access tokens this endpoint has issued} */
    public int tokensIssued() {
        return count.get();
    }

    /**
     * Revokes every token issued so far, as Google does when a key is disabled or a token revoked: Vertex answers
     * 401 to them until the gateway fetches a new one.
     */
    public void revokeAll() {
        issued.clear();
    }

    /** Whether {@code token} was issued here and has not expired. */
    boolean valid(String token) {
        Instant expiry = issued.get(token);
        return expiry != null && Instant.now().isBefore(expiry);
    }

    /**
     * Answers one token request: the status and JSON body Google's endpoint would send.
     *
     * @param form the request's form body ({@code grant_type}, {@code assertion})
     * @param selfUrl this endpoint's URL as the client reached it, an {@code aud} accepted beside Google's
     */
    Map.Entry<Integer, ObjectNode> answer(Map<String, String> form, String selfUrl) {
        if (!GRANT.equals(form.get("grant_type"))) {
            return error("unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
        }
        Optional<String> problem = verify(form.getOrDefault("assertion", ""), selfUrl);
        if (problem.isPresent()) {
            return error("invalid_grant", problem.get());
        }
        Duration life = lifetime.get();
        String token = "ya29.mock-" + count.incrementAndGet();
        issued.put(token, Instant.now().plus(life));
        ObjectNode body = JsonText.MAPPER.createObjectNode().put("access_token", token)
                .put("expires_in", life.toSeconds()).put("token_type", "Bearer");
        return Map.entry(200, body);
    }

    private Optional<String> verify(String assertion, String selfUrl) {
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return Optional.of("Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.");
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = JsonText.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = JsonText.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.of("Invalid JWT: not base64url-encoded JSON.");
        }
        PublicKey key = trusted.get(claims.path("iss").asString(""));
        if (!"RS256".equals(header.path("alg").asString("")) || key == null) {
            return Optional.of("Invalid JWT Signature.");
        }
        if (!signatureHolds(key, parts)) {
            return Optional.of("Invalid JWT Signature.");
        }
        String aud = claims.path("aud").asString("");
        if (!AUDIENCE.equals(aud) && !selfUrl.equals(aud)) {
            return Optional.of("Invalid JWT: aud '" + aud + "' is not " + AUDIENCE + ".");
        }
        if (!java.util.List.of(claims.path("scope").asString("").split(" ")).contains(SCOPE)) {
            return Optional.of("Invalid JWT: scope does not include " + SCOPE + ".");
        }
        if (claims.path("exp").asLong(0) < Instant.now().getEpochSecond()) {
            return Optional.of("Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.");
        }
        return Optional.empty();
    }

    private static boolean signatureHolds(PublicKey key, String[] parts) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Map.Entry<Integer, ObjectNode> error(String error, String description) {
        return Map.entry(400, JsonText.MAPPER.createObjectNode().put("error", error)
                .put("error_description", description));
    }
}
