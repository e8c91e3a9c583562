package org.tracemap.replay;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipException;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.archive.CdxjEntry;
import org.tracemap.archive.CdxjIndex;
import org.tracemap.archive.ContentCoding;
import org.tracemap.intake.InvalidInputException;
import org.tracemap.intake.NormalizedUrl;
import org.tracemap.intake.UrlNormalizer;

/**
 * Replay: finds the capture of a URL nearest a timestamp in the CDXJ index and returns the archived
 * response — its original status, content type and body — sandboxed. Revisits are resolved to the
 * original payload. Unless {@code raw}, the links of HTML and CSS are rewritten so that browsing stays in
 * the archive; every other body streams from the WARC file.
 */
public final class ReplayService {
    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final CdxjIndex cdxj;
    private final UrlNormalizer normalizer;
    private final ReplaySettings settings;
    private final PageRewriter rewriter;

    /** The settings' policy was checked when they were made ({@link ReplaySettings#checkCsp}). */
    public ReplayService(CdxjIndex cdxj, UrlNormalizer normalizer, ReplaySettings settings) {
        this.cdxj = cdxj;
        this.normalizer = normalizer;
        this.settings = settings;
        this.rewriter = new PageRewriter(settings);
    }

    /**
     * The archived response nearest {@code timestamp}, or empty when the URL was never archived. Throws
     * {@link InvalidInputException} for a malformed timestamp or URL, {@link ReplayBusyException} when every
     * rewrite slot stays taken.
     */
    public Optional<ReplayResult> replay(String timestamp, String url, boolean raw) throws IOException {
        if (!timestamp.matches("\\d{1,14}")) {
            throw new InvalidInputException("timestamp", "timestamp must be 1 to 14 digits (yyyyMMddHHmmss), not '" + abbreviate(timestamp) + "'");
        }
        NormalizedUrl target = normalizer.normalize(url);
        Optional<CdxjEntry> found = cdxj.nearest(target.surt(), timestamp);
        if (found.isEmpty()) return Optional.empty();
        CdxjEntry entry = found.get();
        CdxjEntry payloadEntry = entry.isRevisit()
                ? cdxj.original(entry).orElseThrow(() -> new IOException("revisit " + entry.url() + " @" + entry.timestamp() + " has no original in the index"))
                : entry;

        ReplayLinks links = new ReplayLinks(normalizer, timestamp);
        HttpResponse head = readRecord(entry, false).http;
        ArchivedHeaders archived = new ArchivedHeaders(entries(head), location -> links.toReplay(target.url(), location).orElse(null));
        List<Map.Entry<String, String>> headers = new ArrayList<>(archived.passed());
        headers.add(Map.entry("Content-Security-Policy", settings.csp()));
        headers.add(Map.entry("X-Content-Type-Options", "nosniff"));
        // The review UI frames replays; nobody else may (an archived page dressed up as someone else's site).
        headers.add(Map.entry("X-Frame-Options", "SAMEORIGIN"));
        // A click on a link that was archived as is must not tell the live site which archive page it came from.
        headers.add(Map.entry("Referrer-Policy", "no-referrer"));
        headers.add(Map.entry("Link", "<" + entry.url() + ">; rel=\"original\""));
        headers.add(Map.entry("Memento-Datetime", mementoDate(entry.timestamp())));
        return Optional.of(body(payloadEntry, head.status(), headers, archived, target, links, raw));
    }

    /** The body: rewritten HTML or CSS when asked for and small enough; otherwise streamed from the WARC as archived. */
    private ReplayResult body(CdxjEntry payloadEntry, int status, List<Map.Entry<String, String>> headers, ArchivedHeaders archived,
                              NormalizedUrl target, ReplayLinks links, boolean raw) throws IOException {
        String contentType = archived.contentType();
        String contentEncoding = archived.contentEncoding();
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean html = type.contains("html");
        boolean css = CssUrlRewriter.looksLikeCss(type);
        if (!raw && (html || css)) {
            Rewrite attempt = rewrite(payloadEntry, archived, html, target, links);
            if (attempt.page() != null) {
                byte[] page = attempt.page().bytes();
                headers.add(Map.entry("Content-Type", (html ? "text/html" : "text/css") + "; charset=" + attempt.page().charset().name()));
                return new ReplayResult(status, headers, new ByteArrayInputStream(page), page.length);
            }
            // Served as archived, coded as archived (the browser decodes it, not us), still under the sandbox and
            // the policy, which keep its loads on this server: only a click on one of its links can reach the live
            // site. Refusing the page instead would hide the evidence from the reader.
            headers.add(Map.entry("X-Archive-Rewrite", "none: " + attempt.notRewritten() + "; links are as archived"));
        }
        Opened payload = readRecord(payloadEntry, true);
        if (contentType != null) headers.add(Map.entry("Content-Type", contentType));
        // Raw bytes are exactly as archived; naming their coding would make clients decode them.
        if (contentEncoding != null) headers.add(Map.entry(raw ? "X-Archive-Orig-Content-Encoding" : "Content-Encoding", contentEncoding));
        return new ReplayResult(status, headers, payload.body, payload.length);
    }

    /** A rewritten page, or why there is none. */
    private record Rewrite(PageRewriter.Rewritten page, String notRewritten) {}

    private Rewrite rewrite(CdxjEntry payloadEntry, ArchivedHeaders archived, boolean html, NormalizedUrl target, ReplayLinks links) throws IOException {
        String coding = archived.contentEncoding();
        if (!ContentCoding.isDecodable(coding)) return new Rewrite(null, "content-coding " + coding + " is not decoded here");
        Opened payload = readRecord(payloadEntry, true);
        try (InputStream coded = payload.body; InputStream decoded = ContentCoding.decode(coded, coding)) {
            return rewriter.rewrite(decoded, html, charsetOf(archived.contentType()), target.url(), links)
                    .map(page -> new Rewrite(page, null))
                    .orElseGet(() -> new Rewrite(null, "the decoded body is larger than " + rewriter.maxBytes()
                            + " bytes (tracemap.replay.max-rewrite-bytes)"));
        } catch (ZipException | EOFException e) {
            // A corrupt or truncated coding: the browser gets the bytes as archived and its own go at them.
            log.warn("replay of {} @{}: body not decodable as {} ({}); served as archived", target.url(), payloadEntry.timestamp(), coding, e.toString());
            return new Rewrite(null, "the body could not be decoded as " + coding);
        }
    }

    private static List<Map.Entry<String, String>> entries(HttpResponse head) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        head.headers().map().forEach((name, values) -> values.forEach(v -> out.add(Map.entry(name, v))));
        return out;
    }

    /** An HTTP message read from a WARC record; when {@code keepOpen}, its payload stream owns the file. */
    private record Opened(HttpResponse http, InputStream body, long length) {}

    private Opened readRecord(CdxjEntry entry, boolean keepOpen) throws IOException {
        WarcReader reader = new WarcReader(cdxj.locate(entry.filename()));
        try {
            reader.position(entry.offset());
            WarcRecord record = reader.next().orElseThrow(() -> new IOException("no record at " + entry.filename() + ":" + entry.offset()));
            HttpResponse http;
            if (record instanceof WarcResponse r) {
                http = r.http();
            } else if (record instanceof WarcRevisit r) {
                http = r.http();
            } else {
                throw new IOException("record at " + entry.filename() + ":" + entry.offset() + " is a " + record.type() + ", not a response");
            }
            if (!keepOpen) {
                reader.close();
                return new Opened(http, null, -1);
            }
            long length = http.body().size() - http.body().position();
            InputStream body = new FilterInputStream(http.body().stream()) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        reader.close();
                    }
                }
            };
            return new Opened(http, body, length);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private static Charset charsetOf(String contentType) {
        if (contentType == null) return null;
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring(8).replace("\"", "").trim());
                } catch (RuntimeException e) {
                    return null; // an unknown charset name: let the page (or detection) decide, as a browser would
                }
            }
        }
        return null;
    }

    private static String mementoDate(String ts) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(LocalDateTime.parse(ts, TIMESTAMP).atZone(ZoneOffset.UTC));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
