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
}
