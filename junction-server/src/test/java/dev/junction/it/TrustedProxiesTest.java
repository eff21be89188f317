package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.limit.RateLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A key usable only from one address, reached through a reverse proxy on the loopback interface: the forwarding
 * header counts only when the proxy is trusted, and only the hop the proxy appended.
 */
class TrustedProxiesTest {

    private static final String CLIENT = "203.0.113.7";
    private static final String CHAT = "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static Gateway gateway(String trusted) {
        return Gateway.start("server: {host: 127.0.0.1, port: 0, drain_timeout: 2s" + trusted + "}\n", Map.of());
    }

    private static String keyUsableFrom(Gateway gateway, String address) {
        Provision provision = new Provision(gateway);
        return provision.key(provision.user(), Provision.spec(RateLimits.NONE, List.of(), List.of(address),
                Optional.empty(), true)).plaintext();
    }

    private static int chat(Gateway gateway, String key, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "authorization";
        all[1] = "Bearer " + key;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return gateway.post("/v1/chat/completions", CHAT, all).statusCode();
    }

    @Test
    void behindATrustedProxyTheForwardedClientAddressIsChecked() {
        try (Gateway gateway = gateway(", trusted_proxies: [127.0.0.0/8]")) {
            String key = keyUsableFrom(gateway, CLIENT);

            assertThat(chat(gateway, key, "x-forwarded-for", CLIENT)).isEqualTo(200);
            assertThat(chat(gateway, key, "x-forwarded-for", "198.51.100.9")).isEqualTo(403);
            assertThat(chat(gateway, key)).as("the proxy's own address").isEqualTo(403);
        }
    }

    @Test
    void aClientCannotSlipTheAllowedAddressLeftOfWhatTheProxyAppended() {
        try (Gateway gateway = gateway(", trusted_proxies: [127.0.0.0/8]")) {
            String key = keyUsableFrom(gateway, CLIENT);

            assertThat(chat(gateway, key, "x-forwarded-for", CLIENT + ", 198.51.100.9")).isEqualTo(403);
        }
    }

    @Test
    void withoutTrustedProxiesTheForwardingHeadersAreIgnored() {
        try (Gateway gateway = gateway("")) {
            String key = keyUsableFrom(gateway, CLIENT);

            assertThat(chat(gateway, key, "x-forwarded-for", CLIENT)).isEqualTo(403);
            assertThat(chat(gateway, key, "forwarded", "for=" + CLIENT)).isEqualTo(403);
        }
    }

    @Test
    void onlyTheHeaderTheProxiesWriteIsRead() {
        try (Gateway xff = gateway(", trusted_proxies: [127.0.0.1]");
             Gateway rfc7239 = gateway(", trusted_proxies: [127.0.0.1], forwarded_header: forwarded")) {
            String viaXff = keyUsableFrom(xff, CLIENT);
            String viaForwarded = keyUsableFrom(rfc7239, CLIENT);

            assertThat(chat(xff, viaXff, "forwarded", "for=" + CLIENT)).isEqualTo(403);
            assertThat(chat(rfc7239, viaForwarded, "forwarded", "for=\"" + CLIENT + ":5555\";proto=https"))
                    .isEqualTo(200);
            assertThat(chat(rfc7239, viaForwarded, "x-forwarded-for", CLIENT)).isEqualTo(403);
        }
    }
}
