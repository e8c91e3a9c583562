package org.tracemap.intake;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netpreserve.jwarc.URIs;

/** Validates a URL given by a person or found on a page and puts it in {@link NormalizedUrl} form. */
public final class UrlNormalizer {
    public static final int MAX_LENGTH = 2048;
    // RFC 3986, appendix B.
    private static final Pattern PARTS = Pattern.compile("^([^:/?#]+):(?://([^/?#]*))?([^?#]*)(\\?[^#]*)?(#.*)?$");
    private static final Pattern HOST_PORT = Pattern.compile("^(\\[[^\\]]*\\]|[^:]*)(?::(\\d*))?$");

    /** Normalises {@code raw}; throws {@link InvalidInputException} (field {@code url}) naming what is wrong. */
    public NormalizedUrl normalize(String raw) {
        if (raw == null || raw.isBlank()) throw invalid("url is required");
        String text = raw.strip();
        if (text.length() > MAX_LENGTH) throw invalid("url is longer than " + MAX_LENGTH + " characters");
        if (text.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) throw invalid("url contains control characters");
        Matcher m = PARTS.matcher(text);
        if (!m.matches()) throw invalid("url has no scheme; give a full address such as https://example.org/page");
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("only http and https URLs can be captured, not " + scheme + ":");
        }
        String authority = m.group(2);
        if (authority == null || authority.isEmpty()) throw invalid("url has no host");
        if (authority.contains("@")) throw invalid("url must not contain a user name or password");
        Matcher hp = HOST_PORT.matcher(authority);
        if (!hp.matches()) throw invalid("url has a malformed host or port: " + authority);
        String host = normalizeHost(hp.group(1));
        String port = normalizePort(scheme, hp.group(2));
        String path = m.group(3).isEmpty() ? "/" : m.group(3);
        String query = m.group(4) == null ? "" : m.group(4);
        String url = scheme + "://" + host + port + PercentEncoder.encode(path + query);
        if (url.length() > MAX_LENGTH) throw invalid("url is longer than " + MAX_LENGTH + " characters once normalised");
        try {
            new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("url is malformed: " + e.getReason());
        }
        return new NormalizedUrl(url, URIs.toNormalizedSurt(url));
    }

    /** Resolves {@code href} against {@code base} and normalises the result (redirect targets, links). */
    public NormalizedUrl resolve(NormalizedUrl base, String href) {
        String ref = href.strip();
        int hash = ref.indexOf('#');
        if (hash >= 0) ref = ref.substring(0, hash);
        String resolved;
        try {
            resolved = base.uri().resolve(PercentEncoder.encode(ref)).toString();
        } catch (IllegalArgumentException e) {
            throw invalid("cannot resolve " + href + " against " + base.url() + ": " + e.getMessage());
        }
        return normalize(resolved);
    }

    private static String normalizeHost(String host) {
        if (host.isEmpty()) throw invalid("url has no host");
        if (host.startsWith("[")) {
            String literal = host.substring(1, host.length() - 1);
            if (!literal.matches("[0-9A-Fa-f:.]+")) throw invalid("url has a malformed IPv6 address: " + host);
            return host.toLowerCase(Locale.ROOT);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid("url has an invalid host name: " + host);
        }
        if (ascii.endsWith(".")) ascii = ascii.substring(0, ascii.length() - 1);
        if (ascii.isEmpty() || ascii.length() > 253) throw invalid("url has an invalid host name: " + host);
        String ipv4 = Ipv4Parser.canonical(ascii);
        if (ipv4 != null) return ipv4;
        if (!ascii.matches("[a-z0-9_.-]+") || ascii.contains("..")) throw invalid("url has an invalid host name: " + host);
        return ascii;
    }

    private static String normalizePort(String scheme, String port) {
        if (port == null || port.isEmpty()) return "";
        int n;
        try {
            n = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw invalid("url has an invalid port: " + port);
        }
        if (n < 1 || n > 65535) throw invalid("url has an invalid port: " + port);
        if ((scheme.equals("http") && n == 80) || (scheme.equals("https") && n == 443)) return "";
        return ":" + n;
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("url", message);
    }
}
