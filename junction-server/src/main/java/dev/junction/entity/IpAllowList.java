package dev.junction.entity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client addresses a key may be used from: IPv4 and IPv6 addresses and CIDR blocks ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}). An empty list allows every address. Immutable and thread safe.
 */
public final class IpAllowList {

    /** Every address. */
    public static final IpAllowList ANY = new IpAllowList(List.of());

    private record Block(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;

    private IpAllowList(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * Parses addresses and CIDR blocks.
     *
     * @throws IllegalArgumentException naming the first entry that is not an IP address or CIDR block (host names
     *     are refused: they would need a DNS lookup on the request path)
     */
    public static IpAllowList of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            blocks.add(parse(entry.strip()));
        }
        return new IpAllowList(blocks);
    }

    private static Block parse(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        byte[] address = literal(host).orElseThrow(() -> new IllegalArgumentException("'" + entry
                + "' is not an IP address or CIDR block"));
        int max = address.length * 8;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0.." + max);
            }
        }
        return new Block(address, bits);
    }

    /** The bytes of an IP literal, without any DNS lookup; empty for anything else. */
    private static Optional<byte[]> literal(String host) {
        boolean ipv4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = host.contains(":") && host.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether a client at this address (an IP literal) may use the key; a malformed address is refused. */
    public boolean allows(String clientAddress) {
        if (blocks.isEmpty()) {
            return true;
        }
        Optional<byte[]> address = literal(clientAddress);
        if (address.isEmpty()) {
            return false;
        }
        byte[] bytes = mapped(address.get());
        for (Block block : blocks) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) as the IPv4 address it carries. */
    private static byte[] mapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
    }

    /** Whether this list limits anything. */
    public boolean restricts() {
        return !blocks.isEmpty();
    }
}
