package dev.junction.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.config.SsoSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ID token checks against a real issuer's discovery document and keys (NAV's {@code mock-oauth2-server}): a
 * good token passes; another nonce, another audience, another issuer, an expired token and an unsigned one do not.
 */
class OidcClientTest {

    private static final String CLIENT = "junction-console";
    private static MockOAuth2Server issuer;
    private static OidcClient client;
    private static OidcClient.Discovery discovery;

    @BeforeAll
    static void start() {
        issuer = new MockOAuth2Server();
        issuer.start();
        client = new OidcClient(new SsoSettings.Oidc(URI.create(issuer.issuerUrl("corp").toString()), CLIENT,
                Optional.empty(), List.of("openid"), "groups", List.of(), true, Optional.empty(), "SSO"));
        discovery = client.discovery().join();
    }

    @AfterAll
    static void stop() {
        issuer.shutdown();
    }

    private static String token(String issuerId, List<String> audience, Map<String, Object> claims, long expiry) {
        return issuer.issueToken(issuerId, CLIENT, new DefaultOAuth2TokenCallback(issuerId, "sub-1", "JWT", audience,
                claims, expiry)).serialize();
    }

    private static String verify(String token, String nonce) {
        try {
            return client.verify(discovery, token, nonce, true).join().getSubject();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    @Test
    void theDiscoveryDocumentNamesTheEndpoints() {
        assertThat(discovery.issuer()).isEqualTo(issuer.issuerUrl("corp").toString());
        assertThat(discovery.token().toString()).isEqualTo(issuer.tokenEndpointUrl("corp").toString());
        assertThat(discovery.jwks().toString()).isEqualTo(issuer.jwksUrl("corp").toString());
    }

    @Test
    void aGoodTokenPasses() {
        assertThat(verify(token("corp", List.of(CLIENT), Map.of("nonce", "n-1"), 300), "n-1")).isEqualTo("sub-1");
    }

    @Test
    void anotherNonceIsRefused() {
        String token = token("corp", List.of(CLIENT), Map.of("nonce", "n-1"), 300);
        assertThatThrownBy(() -> verify(token, "n-2")).isInstanceOf(SsoFailure.class).hasMessageContaining("nonce");
    }

    @Test
    void aTokenForAnotherClientIsRefused() {
        String token = token("corp", List.of("someone-else"), Map.of("nonce", "n-1"), 300);
        assertThatThrownBy(() -> verify(token, "n-1")).isInstanceOf(SsoFailure.class)
                .hasMessageContaining("aud");
    }

    @Test
    void aTokenOfSeveralAudiencesNeedsThisClientAsAuthorisedParty() {
        // The mock issuer sets azp to the client it issues for.
        String token = issuer.issueToken("corp", "other", new DefaultOAuth2TokenCallback("corp", "sub-1", "JWT",
                List.of(CLIENT, "other"), Map.of("nonce", "n-1"), 300)).serialize();
        assertThatThrownBy(() -> verify(token, "n-1")).isInstanceOf(SsoFailure.class)
                .hasMessageContaining("azp");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        String token = token("elsewhere", List.of(CLIENT), Map.of("nonce", "n-1"), 300);
        assertThatThrownBy(() -> verify(token, "n-1")).isInstanceOf(SsoFailure.class);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = token("corp", List.of(CLIENT), Map.of("nonce", "n-1"), -600);
        assertThatThrownBy(() -> verify(token, "n-1")).isInstanceOf(SsoFailure.class)
                .hasMessageContaining("xpired");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String good = token("corp", List.of(CLIENT), Map.of("nonce", "n-1"), 300);
        String[] parts = good.split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertThatThrownBy(() -> verify(none, "n-1")).isInstanceOf(SsoFailure.class);
    }
}
