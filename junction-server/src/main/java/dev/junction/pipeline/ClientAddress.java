package dev.junction.pipeline;

import dev.junction.config.TrustedProxies;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client's address behind trusted proxies: starting from the socket's peer, while the address at hand is a
 * trusted proxy, the hop it appended to the forwarding header (the rightmost one left) is taken instead. The first
 * address that is not a trusted proxy is the client's, so a client cannot put itself anywhere in the list: whatever
 * it wrote is to the left of what the proxies appended. Stateless.
 */
public final class ClientAddress {

    /** The address of a hop the header does not give as an IP literal ({@code unknown}, {@code _hidden}, junk). */
    static final String UNKNOWN = "";

    private ClientAddress() {}

    /**
     * The client's address of a request (the admin API's audit trail records it): the socket's peer, or the address
     * behind the trusted proxies; empty string when unknown.
     */
    public static String of(io.vertx.core.http.HttpServerRequest request, TrustedProxies proxies) {
        String peer = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        return proxies.any() ? resolve(proxies, peer, request.headers().getAll(proxies.header().headerName())) : peer;
    }

    /**
     * @param peer the socket's peer, an IP literal (empty when unknown)
     * @param headerValues every value of {@link TrustedProxies#header()} in the request, in order
     * @return the client's address; {@link #UNKNOWN} when a trusted proxy reported a hop that is no IP address
     */
    static String resolve(TrustedProxies proxies, String peer, List<String> headerValues) {
        if (!proxies.trusts(peer)) {
            return peer;
        }
        List<String> hops = hops(proxies.header(), headerValues);
        String address = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<String> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                return UNKNOWN;
            }
            address = hop.get();
            if (!proxies.trusts(address)) {
                return address;
            }
        }
        return address; // every hop is a trusted proxy: the request began at the leftmost
    }

    private static List<String> hops(TrustedProxies.Header header, List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String element : split(value, ',')) {
                if (element.isBlank()) {
                    continue;
                }
                hops.add(header == TrustedProxies.Header.FORWARDED ? forwardedFor(element) : element.strip());
            }
        }
        return hops;
    }

    /** The {@code for} parameter of one RFC 7239 element, unquoted; empty when it has none. */
    private static String forwardedFor(String element) {
        for (String pair : split(element, ';')) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase("for")) {
                return unquote(pair.substring(eq + 1).strip());
            }
        }
        return "";
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Splits on {@code separator} outside quoted strings. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                part.append(c);
                c = text.charAt(++i);
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }

    /**
     * A hop as an IP literal, its port left out: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code 2001:db8::1},
     * {@code [2001:db8::1]:4711}. Never a DNS lookup.
     */
    static Optional<String> literal(String hop) {
        String host = hop;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = host.substring(1, close);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            host = host.substring(0, host.indexOf(':')); // IPv4 with a port
        }
        if (host.isEmpty() || !host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(host).getHostAddress());
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }
}
