package dev.junction.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.GatewayKey;
import dev.junction.secret.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyAuthenticatorTest {

    private final KeyAuthenticator auth = new KeyAuthenticator(List.of(
            new GatewayKey("team-a", Secret.of("jk-aaaaaaaaaaaaaaaa")),
            new GatewayKey("team-b", Secret.of("jk-bbbbbbbbbbbbbbbb"))));

    @Test
    void bearerKeyIdentifiesItsName() {
        assertThat(auth.authenticate("Bearer jk-bbbbbbbbbbbbbbbb", null)).contains(new KeyAuthenticator.Caller("team-b"));
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        assertThat(auth.authenticate("bearer jk-aaaaaaaaaaaaaaaa", null)).isPresent();
    }

    @Test
    void xApiKeyIsAccepted() {
        assertThat(auth.authenticate(null, "jk-aaaaaaaaaaaaaaaa")).contains(new KeyAuthenticator.Caller("team-a"));
    }

    @Test
    void wrongOrMissingKeyIsRejected() {
        assertThat(auth.authenticate("Bearer jk-aaaaaaaaaaaaaaab", null)).isEmpty();
        assertThat(auth.authenticate(null, null)).isEmpty();
        assertThat(auth.authenticate("Basic dXNlcjpwYXNz", null)).isEmpty();
    }

    @Test
    void withoutKeysEveryoneIsLetIn() {
        KeyAuthenticator open = new KeyAuthenticator(List.of());

        assertThat(open.enforcing()).isFalse();
        assertThat(open.authenticate(null, null)).contains(KeyAuthenticator.Caller.ANONYMOUS);
    }
}
