package org.tracemap.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /ui/...}: the reviewer UI, the map and the public submission form, read from the classpath
 * under {@code web/}, and Leaflet from its WebJar under {@code /ui/vendor/leaflet/}. Every answer carries a
 * strict Content-Security-Policy (no inline script or style, scripts only from {@code /ui/}: see {@link UiPolicy}),
 * so even a mistake that lets archived text into the page cannot run as script; and no page may frame the UI.
 */
public final class StaticResource {
    private static final Logger log = LoggerFactory.getLogger(StaticResource.class);
    private static final String PREFIX = "/ui";
    private static final String VENDOR_LEAFLET = "vendor/leaflet/";
    private static final String LEAFLET_POM = "META-INF/maven/org.webjars.npm/leaflet/pom.properties";
    /** One path segment: no leading dot (so no {@code ..}, no hidden files), no slashes, backslashes or escapes. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "map", "application/json",
            "geojson", "application/geo+json",
            "png", "image/png",
            "svg", "image/svg+xml",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    private record Asset(byte[] bytes, String etag) {}

    /**
     * The pages' stable addresses (what bookmarks and links keep) and the file each serves; their scripts and
     * styles stay under {@code /ui/}, which is what the CSP allows.
     */
    static final Map<String, String> PAGES = Map.of(
            "/capture", "capture.html",
            "/search", "search.html",
            "/review", "review.html",
            "/map", "map.html",
            "/crawls", "crawls.html",
            "/submit", "submit.html",
            "/view", "view.html",
            "/text", "text.html");

    private final ClassLoader loader;
    private final UiPolicy policy;
    private final String leafletRoot;
    // Files on the classpath do not change while the process runs; a new release is a new process.
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    public StaticResource(UiPolicy policy) {
        this(StaticResource.class.getClassLoader(), policy);
    }

    StaticResource(ClassLoader loader, UiPolicy policy) {
        this.loader = loader;
        this.policy = policy;
        this.leafletRoot = leafletRoot(loader);
    }

    public ApiResponse get(ApiRequest request) {
        String method = request.method() == null ? "GET" : request.method().toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            List<Map.Entry<String, String>> headers = securityHeaders(request, "application/json");
            headers.add(Map.entry("Allow", "GET, HEAD"));
            return new ApiResponse(405, headers, Map.of("error", method + " is not allowed on the UI's files; use GET"));
        }
        String path = pathOf(request.rawUri());
        String relative;
        if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
            relative = "index.html";
        } else if (path.startsWith(PREFIX + "/")) {
            relative = path.substring(PREFIX.length() + 1);
        } else {
            return error(request, 404, "no such file: " + path);
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(relative.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return error(request, 400, "malformed path: " + path);
        }
        if (decoded.endsWith("/")) return error(request, 404, "no such file (folders are not listed): " + path);
        if (!isSafe(decoded)) return error(request, 400, "path must be plain names separated by '/': " + path);
        return serve(request, decoded, path);
    }

    private ApiResponse serve(ApiRequest request, String decoded, String path) {
        String method = request.method() == null ? "GET" : request.method().toUpperCase(Locale.ROOT);
        String type = TYPES.get(extension(decoded));
        String resource = classpathName(decoded);
        Asset asset = type == null || resource == null ? null : load(resource);
        if (asset == null) return error(request, 404, "no such file: " + path);

        List<Map.Entry<String, String>> headers = securityHeaders(request, type);
        headers.add(Map.entry("ETag", asset.etag()));
        if (matches(request.header("if-none-match").orElse(null), asset.etag())) return new ApiResponse(304, headers, null);
        return new ApiResponse(200, headers, method.equals("HEAD") ? new byte[0] : asset.bytes());
    }

    /** {@code GET /capture}, {@code /search}, …: a page at its stable address (see {@link #PAGES}). */
    public ApiResponse page(ApiRequest request) {
        String path = pathOf(request.rawUri());
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        String file = PAGES.get(path);
        if (file == null) return error(request, 404, "no such page: " + path);
        return serve(request, file, path);
    }

    /** The path of a request URI: without scheme and host (some servers pass them), query or fragment. */
    static String pathOf(String rawUri) {
        String uri = rawUri == null ? "" : rawUri;
        int cut = indexOfAny(uri, '?', '#');
        if (cut >= 0) uri = uri.substring(0, cut);
        int scheme = uri.indexOf("://");
        if (scheme > 0 && uri.indexOf('/') > scheme) {
            int slash = uri.indexOf('/', scheme + 3);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        return uri;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /** Only names from a small alphabet, joined by single slashes: this refuses {@code ..}, {@code \}, {@code %2e}, NUL and the like. */
    static boolean isSafe(String relative) {
        if (relative.isEmpty() || relative.length() > 300) return false;
        for (String segment : relative.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) return false;
        }
        return true;
    }

    private static String extension(String relative) {
        int dot = relative.lastIndexOf('.');
        return dot < 0 || dot < relative.lastIndexOf('/') ? "" : relative.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private String classpathName(String relative) {
        if (relative.startsWith(VENDOR_LEAFLET)) {
            return leafletRoot == null ? null : leafletRoot + relative.substring(VENDOR_LEAFLET.length());
        }
        return "web/" + relative;
    }

    private Asset load(String resource) {
        Asset cached = cache.get(resource);
        if (cached != null) return cached;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) return null;
            byte[] bytes = in.readAllBytes();
            Asset asset = new Asset(bytes, etag(bytes));
            cache.put(resource, asset);
            return asset;
        } catch (IOException e) {
            throw new UncheckedIOException("reading UI file " + resource + " failed: " + e.getMessage(), e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) t = t.substring(2);
            if (t.equals("*") || t.equals(etag)) return true;
        }
        return false;
    }

    private ApiResponse error(ApiRequest request, int status, String message) {
        return new ApiResponse(status, securityHeaders(request, "application/json"), Map.of("error", message, "field", "path"));
    }

    private List<Map.Entry<String, String>> securityHeaders(ApiRequest request, String contentType) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Content-Type", contentType));
        headers.add(Map.entry("Content-Security-Policy", policy.csp(request)));
        headers.add(Map.entry("X-Frame-Options", "DENY")); // for browsers without frame-ancestors
        headers.add(Map.entry("X-Content-Type-Options", "nosniff"));
        headers.add(Map.entry("Referrer-Policy", "no-referrer"));
        // Revalidate every time (cheap with the ETag), so a new release is picked up at once.
        headers.add(Map.entry("Cache-Control", "no-cache"));
        return headers;
    }

    /** Where Leaflet's {@code dist/} folder sits in the WebJar, found from the WebJar's own version file. */
    private static String leafletRoot(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(LEAFLET_POM)) {
            if (in == null) {
                log.warn("Leaflet WebJar (org.webjars.npm:leaflet) is not on the classpath; the map page will not work");
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version");
            return version == null || !isSafe(version) ? null : "META-INF/resources/webjars/leaflet/" + version + "/dist/";
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + LEAFLET_POM + " failed: " + e.getMessage(), e);
        }
    }
}
