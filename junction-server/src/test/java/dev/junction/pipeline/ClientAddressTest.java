package dev.junction.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.TrustedProxies;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final TrustedProxies LAN = TrustedProxies.of(List.of("10.0.0.0/8", "fd00::/8"),
            TrustedProxies.Header.X_FORWARDED_FOR);
    private static final TrustedProxies LAN_RFC7239 = TrustedProxies.of(List.of("10.0.0.0/8"),
            TrustedProxies.Header.FORWARDED);

    private static String xff(String peer, String... values) {
        return ClientAddress.resolve(LAN, peer, List.of(values));
    }

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItSends() {
        assertThat(xff("198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.resolve(TrustedProxies.NONE, "10.1.2.3", List.of("203.0.113.9")))
                .isEqualTo("10.1.2.3");
    }

    @Test
    void behindATrustedProxyTheClientIsTheHopItAppended() {
        assertThat(xff("10.1.2.3", "203.0.113.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void whatAClientWroteItselfIsLeftOfTheRightmostUntrustedHopAndIgnored() {
        assertThat(xff("10.1.2.3", "192.0.2.77, 203.0.113.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void trustedHopsAreWalkedFromTheRightUntilTheFirstUntrustedOne() {
        assertThat(xff("10.0.0.1", "192.0.2.77, 203.0.113.9, 10.9.9.9, 10.8.8.8")).isEqualTo("203.0.113.9");
    }

    @Test
    void repeatedHeadersCountAsOneListInTheirOrder() {
        assertThat(xff("10.0.0.1", "192.0.2.77", "203.0.113.9, 10.2.2.2")).isEqualTo("203.0.113.9");
    }

    @Test
    void aRequestWithoutTheHeaderIsTheProxysOwn() {
        assertThat(xff("10.1.2.3")).isEqualTo("10.1.2.3");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertThat(xff("10.0.0.1", "10.5.5.5, 10.6.6.6")).isEqualTo("10.5.5.5");
    }

    @Test
    void portsAndBracketsAreLeftOutAndIpv6Works() {
        assertThat(xff("10.0.0.1", "203.0.113.9:4711")).isEqualTo("203.0.113.9");
        assertThat(xff("10.0.0.1", "[2001:db8::17]:4711")).isEqualTo("2001:db8:0:0:0:0:0:17");
        assertThat(xff("fd00::1", "2001:db8::17")).isEqualTo("2001:db8:0:0:0:0:0:17");
    }

    @Test
    void aHopThatIsNoAddressMakesTheClientUnknownRatherThanTheProxy() {
        assertThat(xff("10.0.0.1", "203.0.113.9, unknown")).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(xff("10.0.0.1", "example.com")).isEqualTo(ClientAddress.UNKNOWN);
    }

    @Test
    void theForwardedHeaderGivesTheForParameterOfEachElement() {
        assertThat(ClientAddress.resolve(LAN_RFC7239, "10.0.0.1", List.of(
                "for=192.0.2.60;proto=http;by=203.0.113.43, For=\"[2001:db8:cafe::17]:4711\";proto=https")))
                .isEqualTo("2001:db8:cafe:0:0:0:0:17");
        assertThat(ClientAddress.resolve(LAN_RFC7239, "10.0.0.1", List.of("for=198.51.100.3, for=10.3.3.3")))
                .isEqualTo("198.51.100.3");
    }

    @Test
    void anObfuscatedForwardedIdentifierIsUnknown() {
        assertThat(ClientAddress.resolve(LAN_RFC7239, "10.0.0.1", List.of("for=_hidden"))).isEqualTo("");
        assertThat(ClientAddress.resolve(LAN_RFC7239, "10.0.0.1", List.of("proto=https"))).isEqualTo("");
    }
}
