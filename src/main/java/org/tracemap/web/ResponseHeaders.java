package org.tracemap.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP headers of one answer, as {@link HttpBridge} hands them to platform-http. Camel keeps HTTP headers
 * and its own control headers ({@code CamelHttpResponseCode}, ...) in one map, so a header from a resource —
 * and a replay's come from an archived site — must never be able to land on a control header: names Camel
 * treats as its own are refused here. Names are case-insensitive; a name given twice keeps both values as
 * separate header lines. The security headers every answer carries are set last and replace, never join,
 * whatever a resource gave.
 */
final class ResponseHeaders {
    private static final Logger log = LoggerFactory.getLogger(ResponseHeaders.class);
    /** A field name token (RFC 9110 §5.1). */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** For JSON and text answers: they load nothing, and no page may frame them. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final Map<String, List<String>> byName = new LinkedHashMap<>(); // lower-case name -> values
    private final Map<String, String> spelling = new LinkedHashMap<>(); // lower-case name -> name as first given

    /** The resource's headers, minus any a Camel message cannot carry safely, plus the security defaults. */
    static ResponseHeaders of(List<Map.Entry<String, String>> fromResource) {
        ResponseHeaders headers = new ResponseHeaders();
        for (Map.Entry<String, String> h : fromResource) headers.add(h.getKey(), h.getValue());
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putIfAbsent("Content-Security-Policy", API_CSP);
        headers.putIfAbsent("X-Frame-Options", "DENY");
        headers.putIfAbsent("Referrer-Policy", "no-referrer");
        return headers;
    }

    private void add(String name, String value) {
        if (name == null || value == null) return;
        String lower = name.toLowerCase(Locale.ROOT);
        if (!TOKEN.matcher(name).matches() || lower.startsWith("camel") || lower.startsWith("org.apache.camel")
                || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            // A resource bug (replay renames archived headers before they get here): the answer goes out without it.
            log.warn("response header refused (not a plain HTTP header name, or a Camel control name, or a control character in the value): {}",
                    name.length() > 80 ? name.substring(0, 80) + "..." : name);
            return;
        }
        spelling.putIfAbsent(lower, name);
        byName.computeIfAbsent(lower, k -> new ArrayList<>()).add(value);
    }

    private void put(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        spelling.put(lower, name);
        byName.put(lower, new ArrayList<>(List.of(value)));
    }

    private void putIfAbsent(String name, String value) {
        if (!byName.containsKey(name.toLowerCase(Locale.ROOT))) put(name, value);
    }

    /** The first value of a header, or null. */
    String first(String name) {
        List<String> values = byName.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : values.get(0);
    }

    /** Each header once, by the name it was first given: one value as a String, several as a List (one line each). */
    Map<String, Object> asMessageHeaders() {
        Map<String, Object> out = new LinkedHashMap<>();
        byName.forEach((lower, values) -> out.put(spelling.get(lower), values.size() == 1 ? values.get(0) : List.copyOf(values)));
        return out;
    }
}
