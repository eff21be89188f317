package dev.junction.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry keeps one source per identity, as long as the configuration in effect needs it. */
class BearerTokensTest {

    private record Identity(String credentials) {}

    /** A source that records the tokens it was told were refused. */
    private static final class Recording implements BearerTokens.Source {
        final List<String> refused = new ArrayList<>();

        @Override
        public void refused(String token) {
            refused.add(token);
        }
    }

    @Test
    void aRetainedIdentityKeepsItsSource() {
        BearerTokens tokens = new BearerTokens();
        Recording kept = tokens.of(new Identity("a"), Recording::new);

        tokens.retain(Set.of(new Identity("a")));

        assertThat(tokens.<Recording>of(new Identity("a"), Recording::new)).isSameAs(kept);
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void anIdentityNoLongerNeededIsDroppedWithItsSource() {
        BearerTokens tokens = new BearerTokens();
        Recording dropped = tokens.of(new Identity("removed"), Recording::new);
        tokens.of(new Identity("kept"), Recording::new);

        tokens.retain(Set.of(new Identity("kept")));

        assertThat(tokens.size()).isEqualTo(1);
        assertThat(tokens.<Recording>of(new Identity("removed"), Recording::new)).isNotSameAs(dropped);
    }
}
