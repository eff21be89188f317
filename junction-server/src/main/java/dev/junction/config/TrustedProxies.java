package dev.junction.config;

import dev.junction.entity.IpAllowList;
import java.util.List;
import java.util.Objects;

/**
 * The reverse proxies (load balancers, ingress controllers) in front of the gateway whose forwarding header tells the
 * client's address ({@code server.trusted_proxies}, IP addresses and CIDR blocks; {@code server.forwarded_header}).
 * A request from any other address is taken at its socket address, whatever headers it sends. None by default.
 * Immutable and thread safe; equal when configured alike.
 */
public final class TrustedProxies {

    /** The header the proxies append the address of the peer they received the request from to. */
    public enum Header {
        /** {@code X-Forwarded-For: client, proxy1, proxy2} (nginx, Envoy, cloud load balancers). */
        X_FORWARDED_FOR("x-forwarded-for"),
        /** RFC 7239's {@code Forwarded: for=client;proto=https, for=proxy1}. */
        FORWARDED("forwarded");

        private final String headerName;

        Header(String headerName) {
            this.headerName = headerName;
        }

        /** The HTTP header's name, lower case. */
        public String headerName() {
            return headerName;
        }
    }

    /** Trusts no proxy: the client's address is the socket's peer. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), Header.X_FORWARDED_FOR);

    private final List<String> entries;
    private final IpAllowList addresses;
    private final Header header;

    private TrustedProxies(List<String> entries, Header header) {
        this.entries = List.copyOf(entries);
        this.addresses = IpAllowList.of(this.entries);
        this.header = Objects.requireNonNull(header);
    }

    /**
     * @param entries IP addresses and CIDR blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32})
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies of(List<String> entries, Header header) {
        return entries.isEmpty() && header == NONE.header ? NONE : new TrustedProxies(entries, header);
    }

    /** Whether a request from this address (an IP literal) may tell the client's address in {@link #header()}. */
    public boolean trusts(String address) {
        return addresses.restricts() && addresses.allows(address);
    }

    /** Whether any proxy is trusted. */
    public boolean any() {
        return addresses.restricts();
    }

    /** The header trusted proxies write. */
    public Header header() {
        return header;
    }

    /** The addresses and blocks as configured. */
    public List<String> entries() {
        return entries;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedProxies other && entries.equals(other.entries) && header == other.header;
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries, header);
    }

    @Override
    public String toString() {
        return "TrustedProxies" + entries + " by " + header.headerName();
    }
}
