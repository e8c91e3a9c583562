package org.tracemap.intake;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Says whether an address is one the public internet can reach. The tables are the IANA IPv4 and IPv6
 * Special-Purpose Address Registries (RFC 6890 and later additions), taking every block whose "Globally
 * Reachable" is False or N/A, plus multicast; for IPv6, everything outside global unicast {@code 2000::/3}
 * is refused too (loopback, unspecified, ULA, link-local and the rest live there), except the NAT64 prefix.
 *
 * <p>Where an IPv6 address carries an IPv4 one (IPv4-mapped and -translated, NAT64 {@code 64:ff9b::/96},
 * 6to4 {@code 2002::/16}, Teredo's server and its obfuscated client), the IPv4 address is judged as well:
 * {@code 64:ff9b::7f00:1} reaches 127.0.0.1 through a translator just as surely as the literal does.
 *
 * <p>Blocks are tried in order and the first that contains the address decides; the few globally reachable
 * exceptions inside refused blocks (anycast services) come before their block.
 */
final class SpecialAddresses {
    private SpecialAddresses() {}

    /** What a matching block means for the address. */
    private enum Verdict { REFUSE, ALLOW, EMBEDDED_V4 }

    /**
     * One registry entry; {@code embedded} is where an IPv4 address sits inside, and {@code teredoClient} says
     * that a second one, inverted, fills the last 32 bits.
     */
    private record Block(byte[] prefix, int bits, String kind, String cidr, Verdict verdict, int embedded, boolean teredoClient) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) return false;
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) if (address[i] != prefix[i]) return false;
            int rest = bits % 8;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    /** Why an address is refused: the kind of block (loopback, documentation, ...) and the block itself. */
    record Refusal(String kind, String block) {}

    private static final List<Block> V4 = List.of(
            // Globally reachable services inside 192.0.0.0/24 (PCP and TURN anycast).
            block("192.0.0.9/32", "PCP anycast", Verdict.ALLOW),
            block("192.0.0.10/32", "TURN anycast", Verdict.ALLOW),
            block("0.0.0.0/8", "unspecified", Verdict.REFUSE),
            block("10.0.0.0/8", "private", Verdict.REFUSE),
            block("100.64.0.0/10", "carrier-grade NAT", Verdict.REFUSE),
            block("127.0.0.0/8", "loopback", Verdict.REFUSE),
            block("169.254.0.0/16", "link-local", Verdict.REFUSE),
            block("172.16.0.0/12", "private", Verdict.REFUSE),
            block("192.0.0.0/24", "IETF protocol assignment", Verdict.REFUSE),
            block("192.0.2.0/24", "documentation", Verdict.REFUSE),
            block("192.88.99.0/24", "deprecated 6to4 relay anycast", Verdict.REFUSE),
            block("192.168.0.0/16", "private", Verdict.REFUSE),
            block("198.18.0.0/15", "benchmarking", Verdict.REFUSE),
            block("198.51.100.0/24", "documentation", Verdict.REFUSE),
            block("203.0.113.0/24", "documentation", Verdict.REFUSE),
            block("224.0.0.0/4", "multicast", Verdict.REFUSE),
            block("255.255.255.255/32", "broadcast", Verdict.REFUSE),
            block("240.0.0.0/4", "reserved", Verdict.REFUSE));

    private static final List<Block> V6 = List.of(
            block("::/128", "unspecified", Verdict.REFUSE),
            block("::1/128", "loopback", Verdict.REFUSE),
            embedding("::ffff:0:0/96", "IPv4-mapped", 12, false),
            block("::ffff:0:0:0/96", "IPv4-translated", Verdict.REFUSE),
            block("::/96", "IPv4-compatible (deprecated)", Verdict.REFUSE),
            embedding("64:ff9b::/96", "NAT64", 12, false),
            block("64:ff9b:1::/48", "local-use IPv4/IPv6 translation", Verdict.REFUSE),
            block("100::/64", "discard-only", Verdict.REFUSE),
            block("100:0:0:1::/64", "dummy IPv6 prefix", Verdict.REFUSE),
            // Teredo: the server's IPv4 address in bits 32-63, the client's inverted in the last 32 bits.
            embedding("2001::/32", "Teredo", 4, true),
            // Globally reachable blocks inside the IETF protocol assignments 2001::/23.
            block("2001:1::1/128", "PCP anycast", Verdict.ALLOW),
            block("2001:1::2/128", "TURN anycast", Verdict.ALLOW),
            block("2001:1::3/128", "DNS-SD SRP anycast", Verdict.ALLOW),
            block("2001:3::/32", "AMT", Verdict.ALLOW),
            block("2001:4:112::/48", "AS112-v6", Verdict.ALLOW),
            block("2001:20::/28", "ORCHIDv2", Verdict.ALLOW),
            block("2001:30::/28", "drone remote ID", Verdict.ALLOW),
            block("2001::/23", "IETF protocol assignment", Verdict.REFUSE),
            block("2001:db8::/32", "documentation", Verdict.REFUSE),
            embedding("2002::/16", "6to4", 2, false),
            block("3fff::/20", "documentation", Verdict.REFUSE),
            block("5f00::/16", "segment routing (SRv6 SID)", Verdict.REFUSE),
            block("fc00::/7", "unique-local", Verdict.REFUSE),
            block("fe80::/10", "link-local", Verdict.REFUSE),
            block("fec0::/10", "site-local (deprecated)", Verdict.REFUSE),
            block("ff00::/8", "multicast", Verdict.REFUSE));

    private static final Block GLOBAL_UNICAST = block("2000::/3", "global unicast", Verdict.ALLOW);

    /** Why {@code address} must not be fetched, or null when it is globally reachable. */
    static Refusal refusal(InetAddress address) {
        byte[] b = address.getAddress();
        List<Block> table = address instanceof Inet4Address ? V4 : V6;
        for (Block block : table) {
            if (!block.contains(b)) continue;
            return switch (block.verdict()) {
                case ALLOW -> null;
                case REFUSE -> new Refusal(block.kind(), block.cidr());
                case EMBEDDED_V4 -> embedded(block, b);
            };
        }
        if (table == V6 && !GLOBAL_UNICAST.contains(b)) return new Refusal("non-unicast", "outside " + GLOBAL_UNICAST.cidr());
        return null;
    }

    /** The verdict on the IPv4 address(es) inside: refused when any is; Teredo carries two. */
    private static Refusal embedded(Block block, byte[] b) {
        Refusal inner = refusal(v4(b, block.embedded(), false));
        if (inner == null && block.teredoClient()) inner = refusal(v4(b, 12, true));
        if (inner == null) return null;
        return new Refusal(block.kind() + " form of a " + inner.kind(), block.cidr() + " around " + inner.block());
    }

    private static InetAddress v4(byte[] b, int offset, boolean inverted) {
        byte[] four = new byte[4];
        for (int i = 0; i < 4; i++) four[i] = (byte) (inverted ? ~b[offset + i] : b[offset + i]);
        try {
            return InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static Block block(String cidr, String kind, Verdict verdict) {
        int slash = cidr.indexOf('/');
        try {
            // Literals only: getByName parses them without any lookup. IPv4-mapped literals come back as
            // IPv4, so prefixes under ::ffff:0:0/96 are built from their 16 bytes.
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (cidr.contains(":") && prefix.length == 4) prefix = mapped(prefix);
            return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), kind, cidr, verdict, -1, false);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bad table entry " + cidr, e);
        }
    }

    private static Block embedding(String cidr, String kind, int offset, boolean teredoClient) {
        Block b = block(cidr, kind, Verdict.EMBEDDED_V4);
        return new Block(b.prefix(), b.bits(), kind, cidr, Verdict.EMBEDDED_V4, offset, teredoClient);
    }

    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }
}
