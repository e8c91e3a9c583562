package org.tracemap.web;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The UI's Content-Security-Policy. Archived pages are served from this same origin under {@code /replay/},
 * so {@code script-src 'self'} would let an archived script (opened directly, or imported by name) run as the
 * UI, with the reviewer's token in reach. Every source is therefore this server's origin restricted to a path
 * — scripts and styles only from {@code /ui/}, frames only from {@code /replay/}, requests only to
 * {@code /api/} and {@code /ui/} — which {@code 'self'} cannot express.
 *
 * <p>The origin is written without a scheme ({@code host:port/ui/}), which CSP matches against the page's own
 * scheme, so one policy serves http and https. It comes from {@code tracemap.server.public-url} when the
 * operator set it (behind a proxy that rewrites Host, only the operator knows the public name); else from the
 * request's Host header, which is the origin the browser loaded the page from — validated as a plain host and
 * port, so a forged Host can only break its sender's own page, never inject a directive; else from the
 * address the server listens on.
 */
public final class UiPolicy {
    /**
     * A host name or IPv4 address and an optional port: what a CSP host-source can name. CSP has no syntax for
     * IPv6 literals, so a page loaded as {@code http://[::1]:8080/ui/} gets the configured origin and loads nothing.
     */
    private static final Pattern HOST = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}(?:\\.[a-z0-9][a-z0-9-]{0,62})*(?::\\d{1,5})?");

    private final String configured; // host[:port] from the public URL, or null
    private final String listening; // host:port the server listens on
    private final String tileImages; // " https://*.tile.example.org", or "" when the map has no tile server

    /**
     * @param publicUrl       {@code tracemap.server.public-url}; empty when not set
     * @param listenAuthority {@code host:port} from {@code tracemap.server.host} and {@code .port}
     */
    public UiPolicy(String publicUrl, String listenAuthority) {
        this(publicUrl, listenAuthority, MapTiles.none());
    }

    /**
     * @param tiles the map's tile server: its origin is the only other host images may come from (none when
     *              not configured, so the UI reaches no host but this one)
     */
    public UiPolicy(String publicUrl, String listenAuthority, MapTiles tiles) {
        this.configured = publicUrl == null || publicUrl.isBlank() ? null : authorityOf(publicUrl);
        this.listening = listenAuthority.toLowerCase(Locale.ROOT);
        this.tileImages = tiles.origin().map(o -> " " + o).orElse("");
    }

    /** The policy for an answer to {@code request}. */
    String csp(ApiRequest request) {
        String o = configured != null ? configured : request.header("host").map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> HOST.matcher(h).matches()).orElse(listening);
        return "default-src 'none'; script-src " + o + "/ui/; style-src " + o + "/ui/; img-src " + o + "/ui/ data:" + tileImages + "; "
                + "font-src " + o + "/ui/; connect-src " + o + "/api/ " + o + "/ui/; frame-src " + o + "/replay/; manifest-src " + o + "/ui/; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    }

    private static String authorityOf(String url) {
        String authority;
        try {
            authority = URI.create(url.strip()).getRawAuthority();
        } catch (IllegalArgumentException e) {
            authority = null;
        }
        if (authority == null || !HOST.matcher(authority.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("tracemap.server.public-url must be an http(s) URL with a plain host (and port): " + url);
        }
        return authority.toLowerCase(Locale.ROOT);
    }
}
