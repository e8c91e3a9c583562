package org.tracemap.intake;

import java.net.URI;

/**
 * A URL in the one form Tracemap stores and compares: lower-case scheme and host, punycode host, no
 * default port, no fragment, illegal characters percent-encoded; and its SURT key for sorted lookups.
 */
public record NormalizedUrl(String url, String surt) {
    public URI uri() {
        return URI.create(url);
    }

    public String host() {
        return uri().getHost();
    }

    /**
     * The server this URL is on, as politeness and fairness count it: the SURT host with its port, so
     * {@code www.example.com} and {@code example.com} are one server and {@code 127.0.0.1:8080} and
     * {@code 127.0.0.1:9090} are two.
     */
    public String hostKey() {
        return hostKeyOf(surt);
    }

    /** The host part of a SURT key: everything before its ')'. */
    public static String hostKeyOf(String surt) {
        int close = surt.indexOf(')');
        return close < 0 ? surt : surt.substring(0, close);
    }
}
