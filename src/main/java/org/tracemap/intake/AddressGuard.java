package org.tracemap.intake;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SSRF guard: refuses addresses that an archived page or a submitted URL must never make Tracemap
 * reach — every address that is not globally reachable by the IANA special-purpose registries (loopback,
 * private, link-local, CGNAT, documentation, benchmarking, reserved, multicast, ULA, ...), including IPv4
 * addresses embedded in IPv6 (mapped, translated, NAT64, 6to4, Teredo); see {@link SpecialAddresses}.
 *
 * <p>Two checks: {@link #checkLiteralHost} at intake, for hosts that are addresses or loopback names and so
 * can be refused before anything is queued; {@link #check} at fetch time, on every address a name resolves
 * to and on the address actually connected to.
 *
 * <p>{@code exemptHosts} are host names (as written in URLs) that may resolve to private addresses even
 * with the guard on: an internal mirror, or a demo site on loopback. Names, not addresses, so a page cannot
 * reach an exempt service by spelling its address another way.
 */
public final class AddressGuard {
    /** Names every resolver maps to loopback, besides {@code localhost} and {@code *.localhost} (RFC 6761). */
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final boolean allowPrivate;
    private final Set<String> exemptHosts;

    public AddressGuard(boolean allowPrivate) {
        this(allowPrivate, Set.of());
    }

    public AddressGuard(boolean allowPrivate, Collection<String> exemptHosts) {
        this.allowPrivate = allowPrivate;
        this.exemptHosts = exemptHosts.stream().map(AddressGuard::bare).filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Throws {@link ForbiddenAddressException} when the guard is on and {@code address} is not public. */
    public void check(String host, InetAddress address) throws ForbiddenAddressException {
        if (allowPrivate || exemptHosts.contains(bare(host))) return;
        SpecialAddresses.Refusal why = SpecialAddresses.refusal(address);
        if (why != null) {
            throw new ForbiddenAddressException(host + " resolves to " + address.getHostAddress() + ", " + describe(why) + "; "
                    + "fetching it is refused (set tracemap.fetch.allow-private=true only for tests)");
        }
    }

    /**
     * Refuses a URL at intake when its host is an IP literal that is not public, or a loopback name
     * ({@code localhost}, {@code *.localhost}); other names are resolved, and checked, at fetch time.
     * Expects a host as {@link UrlNormalizer} leaves it (IPv4 in dotted-decimal, IPv6 in brackets).
     */
    public void checkLiteralHost(String host) {
        String bare = bare(host);
        if (allowPrivate || exemptHosts.contains(bare)) return;
        if (LOOPBACK_NAMES.contains(bare) || bare.endsWith(".localhost")) {
            throw new InvalidInputException("url", "url points at " + bare + ", a loopback name; loopback addresses cannot be captured");
        }
        InetAddress address = literal(bare);
        if (address == null) return;
        SpecialAddresses.Refusal why = SpecialAddresses.refusal(address);
        if (why != null) throw new InvalidInputException("url", "url points at " + bare + ", " + describe(why) + "; it cannot be captured");
    }

    /** The kind of non-public range {@code address} lies in ("loopback", "documentation"), or null when it is public. */
    static String whyForbidden(InetAddress address) {
        SpecialAddresses.Refusal r = SpecialAddresses.refusal(address);
        return r == null ? null : r.kind();
    }

    /** The address a host literal spells, or null for a name; never a DNS lookup. */
    private static InetAddress literal(String bare) {
        try {
            if (bare.contains(":")) {
                // Only hex digits, colons and dots reach getByName, which parses such text and never looks it up.
                if (!bare.matches("[0-9a-f:][0-9a-f:.]*")) throw new InvalidInputException("url", "url has a malformed IPv6 address: " + bare);
                return InetAddress.getByName(bare);
            }
            var quad = DOTTED_QUAD.matcher(bare);
            if (quad.matches()) {
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int n = Integer.parseInt(quad.group(i + 1));
                    if (n > 255) throw new InvalidInputException("url", "url has a malformed IPv4 address: " + bare);
                    b[i] = (byte) n;
                }
                return InetAddress.getByAddress(b);
            }
            if (bare.matches("[0-9.]+")) throw new InvalidInputException("url", "url has a malformed IPv4 address: " + bare);
            return null;
        } catch (UnknownHostException e) {
            throw new InvalidInputException("url", "url has a malformed IP address: " + bare);
        }
    }

    /** Lower case, without IPv6 brackets or a trailing dot: {@code [::1]} and {@code LOCALHOST.} as compared. */
    private static String bare(String host) {
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        while (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return h;
    }

    /** "a loopback address (127.0.0.0/8)", "an IPv4-translated address (::ffff:0:0:0/96)". */
    private static String describe(SpecialAddresses.Refusal r) {
        return ("aeiouAEIOU".indexOf(r.kind().charAt(0)) >= 0 ? "an " : "a ") + r.kind() + " address (" + r.block() + ")";
    }
}
