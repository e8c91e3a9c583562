package org.tracemap.replay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The headers of an archived response as replay passes them on. Archived headers are data, never control:
 * only a few that describe the body pass as they were, Location is rewritten into the archive, and every other
 * header is renamed {@code X-Archive-Orig-<name>}, so that no origin header can steer the reader's browser
 * (Link preloads, Refresh, CSP, CORS, client hints, Speculation-Rules...) or this server (Camel's own header
 * names) — including headers nobody has invented yet.
 *
 * <p>Headers a client would choke on are left out and counted in {@code X-Archive-Dropped-Headers}: curl
 * refuses a header line over 100 KB, Java's HttpClient a head over 384 KB (or, over HTTP/2, more than 512
 * headers), Chrome a head over 256 KB; one such header made the whole replay fail after its first lines.
 */
final class ArchivedHeaders {
    /** Passed on under their own names: they describe the archived body and steer nothing. */
    private static final Set<String> KEPT = Set.of("content-language", "last-modified");
    /** Not passed on at all: the origin's cookies and framing of the exchange, meaningless or harmful here. */
    private static final Set<String> DROPPED = Set.of("set-cookie", "set-cookie2", "transfer-encoding", "content-length",
            "connection", "keep-alive", "proxy-connection", "upgrade", "trailer", "te");
    /** A field name token (RFC 9110 §5.1); anything else could not even be written back. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    static final String RENAMED_PREFIX = "X-Archive-Orig-";
    static final int MAX_VALUE_BYTES = 8 * 1024;
    /** Counted as HTTP/2 does (name + value + 32 per header), far below every client's limit. */
    static final int MAX_TOTAL_BYTES = 32 * 1024;
    static final int MAX_COUNT = 200;

    private final List<Map.Entry<String, String>> passed = new ArrayList<>();
    private String contentType;
    private String contentEncoding;
    private int droppedCount;
    private long droppedBytes;
    private long totalBytes;

    /**
     * @param archived        the archived header lines, in order
     * @param rewriteLocation turns a Location value into its replay path, or null when it cannot be archived (the
     *                        header is then renamed like the others: a redirect must never lead to the live site)
     */
    ArchivedHeaders(List<Map.Entry<String, String>> archived, UnaryOperator<String> rewriteLocation) {
        for (Map.Entry<String, String> h : archived) {
            String name = h.getKey();
            String value = h.getValue();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-type") && contentType == null) {
                contentType = value;
            } else if (lower.equals("content-encoding") && contentEncoding == null) {
                contentEncoding = value.strip().toLowerCase(Locale.ROOT);
            } else if (lower.equals("location")) {
                String replayed = rewriteLocation.apply(value);
                if (replayed == null) pass(RENAMED_PREFIX + name, value);
                else pass(name, replayed);
            } else if (!DROPPED.contains(lower)) {
                pass(KEPT.contains(lower) ? name : RENAMED_PREFIX + name, value);
            }
        }
    }

    private void pass(String name, String value) {
        int valueBytes = value.getBytes(StandardCharsets.UTF_8).length;
        long size = name.length() + (long) valueBytes + 32;
        boolean writable = TOKEN.matcher(name).matches() && value.chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
        if (!writable || valueBytes > MAX_VALUE_BYTES || totalBytes + size > MAX_TOTAL_BYTES || passed.size() >= MAX_COUNT) {
            droppedCount++;
            droppedBytes += size;
            return;
        }
        totalBytes += size;
        passed.add(Map.entry(name, value));
    }

    /** The headers to send, with a note when some were left out. */
    List<Map.Entry<String, String>> passed() {
        if (droppedCount == 0) return List.copyOf(passed);
        List<Map.Entry<String, String>> all = new ArrayList<>(passed);
        all.add(Map.entry("X-Archive-Dropped-Headers", droppedCount + " archived header(s) of " + droppedBytes
                + " bytes not sent: over " + MAX_VALUE_BYTES + " bytes each, " + MAX_TOTAL_BYTES + " bytes or " + MAX_COUNT + " headers in all, or not writable "
                + "(the WARC record keeps them)"));
        return all;
    }

    /** The archived Content-Type, or null. */
    String contentType() {
        return contentType;
    }

    /** The archived Content-Encoding, lower case, or null. */
    String contentEncoding() {
        return contentEncoding;
    }
}
