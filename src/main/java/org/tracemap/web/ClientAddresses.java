package org.tracemap.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Says which address a request came from, for the limits that count per client (failed tokens, public
 * submissions). It is the connection's peer — unless that peer is a configured trusted proxy
 * ({@code tracemap.server.trusted-proxies}), in which case it is the nearest address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy (read right to left: each proxy appends whom it
 * heard from, so everything left of the first untrusted entry may be made up by the client). Without
 * trusted proxies, forwarded headers are ignored entirely: anyone can send them.
 *
 * <p>Only IP literals are parsed, never names: a header must not make the server do DNS lookups.
 */
public final class ClientAddresses {
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    /** One trusted address or CIDR block. */
    private record Block(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) return false;
            for (int i = 0; i < bits / 8; i++) if (address[i] != prefix[i]) return false;
            int rest = bits % 8;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[bits / 8] & mask) == (prefix[bits / 8] & mask);
        }
    }

    private final List<Block> trusted;

    private ClientAddresses(List<Block> trusted) {
        this.trusted = trusted;
    }

    /** No trusted proxies: the client is always the connection's peer. */
    public static ClientAddresses none() {
        return new ClientAddresses(List.of());
    }

    /** Trusted proxies as IP addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code ::1}); names are refused. */
    public static ClientAddresses trusting(List<String> proxies) {
        List<Block> blocks = new ArrayList<>();
        for (String p : proxies) {
            int slash = p.indexOf('/');
            byte[] address = literal(slash < 0 ? p : p.substring(0, slash));
            if (address == null) throw new IllegalArgumentException("trusted proxy '" + p + "' is not an IP address or CIDR block");
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(p.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > address.length * 8) throw new IllegalArgumentException("trusted proxy '" + p + "' has a bad prefix length");
            }
            blocks.add(new Block(address, bits));
        }
        return new ClientAddresses(List.copyOf(blocks));
    }

    /**
     * The client behind a request.
     *
     * @param peer         the connection's remote address (no port)
     * @param forwardedFor the {@code X-Forwarded-For} header, null when absent (repeated headers joined by commas)
     */
    public String resolve(String peer, String forwardedFor) {
        if (peer == null || trusted.isEmpty() || !isTrusted(peer) || forwardedFor == null) return peer;
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = stripPort(hops[i].strip());
            if (literal(hop) == null) break; // garbage: whoever wrote it is not to be believed further
            client = hop;
            if (!isTrusted(hop)) break;
        }
        return client;
    }

    private boolean isTrusted(String address) {
        byte[] b = literal(address);
        if (b == null) return false;
        for (Block block : trusted) if (block.contains(b)) return true;
        return false;
    }

    /** "1.2.3.4:5678" and "[::1]:80" without the port (some proxies write it). */
    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close > 0 ? hop.substring(1, close) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** The bytes of an IPv4 or IPv6 literal, or null when {@code text} is anything else; never a DNS lookup. */
    private static byte[] literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) return null;
        if (text.contains(":") ? !IPV6.matcher(text).matches() : !DOTTED_QUAD.matcher(text).matches()) return null;
        if (!text.contains(":")) {
            for (String part : text.split("\\.")) if (Integer.parseInt(part) > 255) return null;
        }
        try {
            return InetAddress.getByName(text).getAddress(); // a literal, so parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
