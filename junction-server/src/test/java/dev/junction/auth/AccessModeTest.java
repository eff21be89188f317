package dev.junction.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ConfigLoader;
import dev.junction.config.GatewayConfig;
import dev.junction.provider.ProviderCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which gateways serve callers without a key: only those with nothing to govern. */
class AccessModeTest {

    private static GatewayConfig config(String yaml, Map<String, String> env) {
        return new ConfigLoader(ProviderCatalog.bundled(), env).loadYaml(yaml, "test.yaml");
    }

    @Test
    void aGatewayWithoutKeysAdminKeysOrStoredKeysIsOpen() {
        AccessMode mode = AccessMode.of(config("", Map.of()), false);

        assertThat(mode.closed()).isFalse();
        assertThat(mode.reasons()).isEmpty();
        assertThat(mode.wireName()).isEqualTo("open");
    }

    @Test
    void anAdminKeyAloneClosesTheGateway() {
        AccessMode mode = AccessMode.of(config("", Map.of("JUNCTION_ADMIN_KEY", "admin-0123456789abcdef")), false);

        assertThat(mode.closed()).isTrue();
        assertThat(mode.reasons()).containsExactly("an admin key is configured");
    }

    @Test
    void aGatewayKeyClosesTheGateway() {
        assertThat(AccessMode.of(config("", Map.of("JUNCTION_MASTER_KEY", "master-0123456789abcdef")), false)
                .reasons()).containsExactly("gateway keys are configured");
    }

    @Test
    void authRequiredClosesTheGatewayFromTheFileOrTheEnvironment() {
        assertThat(AccessMode.of(config("auth: {required: true}\n", Map.of()), false).closed()).isTrue();
        assertThat(AccessMode.of(config("", Map.of("JUNCTION_AUTH_REQUIRED", "true")), false).reasons())
                .containsExactly("auth.required is set");
    }

    @Test
    void authRequiredFalseCannotOpenAGatewayThatHasAnAdminKey() {
        String yaml = "auth: {required: false}\nadmin_keys: [{name: ops, key: admin-0123456789abcdef}]\n";

        assertThat(AccessMode.of(config(yaml, Map.of()), false).closed()).isTrue();
    }

    @Test
    void aStoreThatHeldVirtualKeysAtStartUpClosesTheGateway() {
        assertThat(AccessMode.of(config("", Map.of()), true).reasons()).containsExactly("the store holds virtual keys");
    }
}
