package dev.junction.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.junction.config.SsoSettings;
import dev.junction.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The gateway as an OpenID Connect relying party of one issuer: reads its discovery document, sends the code with
 * its PKCE verifier to the token endpoint, and verifies the ID token (signature by the issuer's JWKS, {@code iss},
 * {@code aud}, {@code azp}, {@code exp}, {@code nonce}) with Nimbus JOSE+JWT. The discovery document and the key set
 * are fetched once and kept; the key set is fetched again when a token names a key it does not hold (the issuer
 * rotated its keys). HTTP calls are asynchronous (the JDK's client); thread safe.
 */
public final class OidcClient {

    /** How long a call to the issuer may take. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The signature algorithms an ID token may use: asymmetric only, so the client secret never signs. */
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    /**
     * What the issuer's discovery document says.
     *
     * @param issuer the issuer as the document names it (the ID token's {@code iss} must equal it)
     * @param endSession where the issuer signs its users out, when it says
     * @param postAuth whether the token endpoint wants the client secret in the form rather than as Basic
     */
    public record Discovery(String issuer, URI authorization, URI token, URI jwks, Optional<URI> endSession,
                            boolean postAuth) {
    }

    private final SsoSettings.Oidc settings;
    private final HttpClient http;
    private final AtomicReference<CompletableFuture<Discovery>> discovery = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<JWKSet>> keys = new AtomicReference<>();

    /** A client of the issuer these settings name. */
    public OidcClient(SsoSettings.Oidc settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The settings this client was made for. */
    public SsoSettings.Oidc settings() {
        return settings;
    }

    /** The issuer's discovery document (fetched once; fetched again after a failure). */
    public CompletableFuture<Discovery> discovery() {
        CompletableFuture<Discovery> known = discovery.get();
        if (known != null && !known.isCompletedExceptionally()) {
            return known;
        }
        CompletableFuture<Discovery> fresh = fetchDiscovery();
        discovery.set(fresh);
        return fresh;
    }

    /** The address the browser is sent to, to sign in at the issuer. */
    public URI authorizationUrl(Discovery d, URI redirectUri, LoginState.Pending pending) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", String.join(" ", settings.scopes()));
        query.put("state", pending.state());
        query.put("nonce", pending.nonce());
        query.put("code_challenge", pending.codeChallenge());
        query.put("code_challenge_method", "S256");
        String base = d.authorization().toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + form(query));
    }

    /**
     * Exchanges the authorization code for tokens and verifies the ID token.
     *
     * @return the ID token's claims; fails with {@link SsoFailure} when the issuer refuses or the token is not good
     */
    public CompletableFuture<JWTClaimsSet> signIn(String code, URI redirectUri, LoginState.Pending pending) {
        return discovery().thenCompose(d -> exchange(d, code, redirectUri, pending.verifier())
                .thenCompose(idToken -> verify(d, idToken, pending.nonce(), true)));
    }

    private CompletableFuture<String> exchange(Discovery d, String code, URI redirectUri, String verifier) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri.toString());
        body.put("code_verifier", verifier);
        body.put("client_id", settings.clientId());
        HttpRequest.Builder request = HttpRequest.newBuilder(d.token()).timeout(TIMEOUT)
                .header("content-type", "application/x-www-form-urlencoded").header("accept", "application/json");
        settings.clientSecret().ifPresent(secret -> {
            if (d.postAuth()) {
                body.put("client_secret", secret.reveal());
            } else {
                String pair = encode(settings.clientId()) + ":" + encode(secret.reveal());
                request.header("authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
        });
        request.POST(HttpRequest.BodyPublishers.ofString(form(body)));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            JsonNode json = parse(response.body());
            if (response.statusCode() != 200) {
                throw new SsoFailure("The issuer refused the sign-in code (HTTP " + response.statusCode() + ", "
                        + text(json, "error").orElse("no error code") + text(json, "error_description")
                        .map(t -> ": " + t).orElse("") + ").");
            }
            return text(json, "id_token").orElseThrow(() -> new SsoFailure("The issuer's token answer has no "
                    + "id_token (is 'openid' among the client's scopes?)."));
        });
    }

    /**
     * Verifies an ID token against the issuer's keys and this client, and the nonce of the sign-in it answers.
     *
     * @param refetch whether to fetch the key set again once when it holds no key for the token
     */
    CompletableFuture<JWTClaimsSet> verify(Discovery d, String idToken, String nonce, boolean refetch) {
        return keySet(false).thenCompose(set -> {
            try {
                return CompletableFuture.completedFuture(process(d, set, idToken, nonce));
            } catch (NoKey e) {
                if (!refetch) {
                    throw new SsoFailure("The ID token is signed with a key the issuer does not publish.");
                }
                return keySet(true).thenApply(fresh -> {
                    try {
                        return process(d, fresh, idToken, nonce);
                    } catch (NoKey again) {
                        throw new SsoFailure("The ID token is signed with a key the issuer does not publish.");
                    }
                });
            }
        });
    }

    private JWTClaimsSet process(Discovery d, JWKSet set, String idToken, String nonce) throws NoKey {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(set)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(settings.clientId()),
                new JWTClaimsSet.Builder().issuer(d.issuer()).claim("nonce", nonce).build(),
                Set.of("sub", "exp", "iat"), null));
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (ParseException e) {
            throw new SsoFailure("The issuer's ID token is not a JWT.");
        } catch (BadJOSEException e) {
            if (e.getMessage() != null && e.getMessage().contains("no matching key")) {
                throw new NoKey();
            }
            throw new SsoFailure("The ID token was refused: " + e.getMessage() + ".");
        } catch (JOSEException e) {
            throw new SsoFailure("The ID token could not be verified: " + e.getMessage() + ".");
        }
        List<String> audience = claims.getAudience();
        if (audience.size() > 1) {
            Object azp = claims.getClaim("azp");
            if (!settings.clientId().equals(azp)) {
                throw new SsoFailure("The ID token is for several clients and not authorised for this one (azp).");
            }
        }
        return claims;
    }

    /** The issuer's key set, fetched now when {@code fresh}. */
    private CompletableFuture<JWKSet> keySet(boolean fresh) {
        CompletableFuture<JWKSet> known = keys.get();
        if (!fresh && known != null && !known.isCompletedExceptionally()) {
            return known;
        }
        CompletableFuture<JWKSet> fetched = discovery().thenCompose(d -> get(d.jwks()).thenApply(body -> {
            try {
                return JWKSet.parse(body);
            } catch (ParseException e) {
                throw new SsoFailure("The issuer's key set at " + d.jwks() + " is not a JWK set.");
            }
        }));
        keys.set(fetched);
        return fetched;
    }

    private CompletableFuture<Discovery> fetchDiscovery() {
        String base = settings.issuer().toString().replaceAll("/+$", "");
        URI at = URI.create(base + "/.well-known/openid-configuration");
        return get(at).thenApply(body -> {
            JsonNode json = parse(body);
            String issuer = text(json, "issuer").orElseThrow(() -> new SsoFailure("The discovery document at " + at
                    + " names no issuer."));
            if (!issuer.replaceAll("/+$", "").equals(base)) {
                throw new SsoFailure("The discovery document at " + at + " is for the issuer " + issuer
                        + ", not " + settings.issuer() + ".");
            }
            JsonNode methods = json.path("token_endpoint_auth_methods_supported");
            boolean postOnly = methods.isArray() && methods.valueStream().map(JsonNode::asString)
                    .noneMatch("client_secret_basic"::equals) && methods.valueStream().map(JsonNode::asString)
                    .anyMatch("client_secret_post"::equals);
            return new Discovery(issuer, endpoint(json, "authorization_endpoint", at),
                    endpoint(json, "token_endpoint", at), endpoint(json, "jwks_uri", at),
                    text(json, "end_session_endpoint").map(URI::create), postOnly);
        });
    }

    private CompletableFuture<String> get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("accept", "application/json")
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                throw new SsoFailure("The issuer could not be reached at " + uri + ": " + failure.getMessage()
                        + ".");
            }
            if (response.statusCode() != 200) {
                throw new SsoFailure("The issuer answered HTTP " + response.statusCode() + " at " + uri + ".");
            }
            return response.body();
        });
    }

    private static URI endpoint(JsonNode json, String field, URI at) {
        return text(json, field).map(URI::create).orElseThrow(() -> new SsoFailure("The discovery document at "
                + at + " has no " + field + "."));
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node == null ? Json.MAPPER.createObjectNode() : node;
        } catch (RuntimeException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v != null && v.isString() && !v.stringValue().isBlank() ? Optional.of(v.stringValue())
                : Optional.empty();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The key set holds no key for the token. */
    private static final class NoKey extends Exception {
        NoKey() {
            super(null, null, false, false);
        }
    }
}
