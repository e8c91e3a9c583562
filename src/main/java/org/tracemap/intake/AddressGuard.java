package org.tracemap.intake;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The SSRF guard: refuses addresses that an archived page or a submitted URL must never make Tracemap
 * reach — loopback, private (RFC 1918), link-local, CGNAT, IPv6 unique-local, multicast, unspecified and
 * reserved ranges, including IPv4 addresses embedded in IPv6 (mapped, NAT64, 6to4).
 */
public final class AddressGuard {
    private final boolean allowPrivate;

    public AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Throws {@link ForbiddenAddressException} when the guard is on and {@code address} is not public. */
    public void check(String host, InetAddress address) throws ForbiddenAddressException {
        if (allowPrivate) return;
        String why = whyForbidden(address);
        if (why != null) {
            throw new ForbiddenAddressException(host + " resolves to " + address.getHostAddress() + ", a " + why
                    + " address; fetching it is refused (set tracemap.fetch.allow-private=true only for tests)");
        }
    }

    /** Refuses a URL at intake when its host is an IP literal or {@code localhost}; names resolved later are checked at fetch time. */
    public void checkLiteralHost(String host) {
        if (allowPrivate) return;
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equals("localhost") || bare.endsWith(".localhost")) {
            throw new InvalidInputException("url", "url points at localhost; loopback addresses cannot be captured");
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) return;
        try {
            InetAddress address = InetAddress.getByName(bare); // a literal: no DNS lookup happens
            String why = whyForbidden(address);
            if (why != null) throw new InvalidInputException("url", "url points at " + bare + ", a " + why + " address; it cannot be captured");
        } catch (UnknownHostException e) {
            throw new InvalidInputException("url", "url has a malformed IP address: " + host);
        }
    }

    /** The kind of non-public range {@code address} lies in, or null when it is public. */
    static String whyForbidden(InetAddress address) {
        if (address.isLoopbackAddress()) return "loopback";
        if (address.isAnyLocalAddress()) return "unspecified";
        if (address.isLinkLocalAddress()) return "link-local";
        if (address.isSiteLocalAddress()) return "private";
        if (address.isMulticastAddress()) return "multicast";
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) return whyForbiddenV4(b);
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return "unique-local (IPv6 ULA)";
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) return embedded(b, 2, "6to4");
            if (isNat64(b)) return embedded(b, 12, "NAT64");
            if (isIpv4Compatible(b)) return embedded(b, 12, "IPv4-compatible");
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) return "documentation";
        }
        return null;
    }

    private static String whyForbiddenV4(byte[] b) {
        int a0 = b[0] & 0xff, a1 = b[1] & 0xff, a2 = b[2] & 0xff;
        if (a0 == 0) return "unspecified (0.0.0.0/8)";
        if (a0 == 100 && (a1 & 0xc0) == 64) return "carrier-grade NAT (100.64.0.0/10)";
        if (a0 == 192 && a1 == 0 && a2 == 0) return "IETF protocol (192.0.0.0/24)";
        if (a0 == 198 && (a1 == 18 || a1 == 19)) return "benchmarking (198.18.0.0/15)";
        if (a0 >= 240) return "reserved (240.0.0.0/4)";
        return null;
    }

    private static String embedded(byte[] b, int offset, String kind) {
        try {
            InetAddress v4 = InetAddress.getByAddress(new byte[] {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]});
            String why = whyForbidden(v4);
            return why == null ? null : kind + "-embedded " + why;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isNat64(byte[] b) {
        int[] prefix = {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xff) != prefix[i]) return false;
        return true;
    }

    private static boolean isIpv4Compatible(byte[] b) {
        for (int i = 0; i < 12; i++) if (b[i] != 0) return false;
        return true;
    }
}
