package org.tracemap.replay;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcCaptureRecord;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.tracemap.archive.CdxjEntry;
import org.tracemap.archive.ContentCoding;
import org.tracemap.archive.CdxjIndex;
import org.tracemap.intake.NormalizedUrl;
import org.tracemap.intake.UrlNormalizer;

/**
 * Replay: finds the capture of a URL nearest a timestamp in the CDXJ index and returns the archived
 * response — its original status, content type and body — sandboxed. Revisits are resolved to the
 * original payload. Unless {@code raw}, HTML links are rewritten so that browsing stays in the archive.
 */
public final class ReplayService {
    /** Origin headers never passed on: cookies and security policy belong to the origin, not to us. */
    private static final Set<String> DROPPED = Set.of("set-cookie", "set-cookie2", "content-security-policy",
            "content-security-policy-report-only", "strict-transport-security", "public-key-pins", "clear-site-data",
            "transfer-encoding", "content-length", "connection", "keep-alive", "alt-svc", "x-frame-options",
            "access-control-allow-origin", "access-control-allow-credentials", "report-to", "nel", "refresh");

    private final CdxjIndex cdxj;
    private final UrlNormalizer normalizer;
    private final String csp;

    public ReplayService(CdxjIndex cdxj, UrlNormalizer normalizer, String csp) {
        if (!csp.startsWith("sandbox") || csp.contains("allow-same-origin")) {
            throw new IllegalArgumentException("tracemap.replay.csp must start with 'sandbox' and must not allow-same-origin: " + csp);
        }
        this.cdxj = cdxj;
        this.normalizer = normalizer;
        this.csp = csp;
    }

    /** The archived response nearest {@code timestamp}, or empty when the URL was never archived. */
    public Optional<ReplayResult> replay(String timestamp, String url, boolean raw) throws IOException {
        if (!timestamp.matches("\\d{1,14}")) {
            throw new org.tracemap.intake.InvalidInputException("timestamp", "timestamp must be 1 to 14 digits (yyyyMMddHHmmss)");
        }
        NormalizedUrl target = normalizer.normalize(url);
        Optional<CdxjEntry> found = cdxj.nearest(target.surt(), timestamp);
        if (found.isEmpty()) return Optional.empty();
        CdxjEntry entry = found.get();
        CdxjEntry payloadEntry = entry.isRevisit()
                ? cdxj.original(entry).orElseThrow(() -> new IOException("revisit " + entry.url() + " @" + entry.timestamp() + " has no original in the index"))
                : entry;

        HttpResponse head = readRecord(entry, false).http;
        Opened payload = readRecord(payloadEntry, true);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String contentType = null;
        String contentEncoding = null;
        for (Map.Entry<String, List<String>> h : head.headers().map().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            for (String value : h.getValue()) {
                if (name.equals("content-type")) contentType = value;
                if (name.equals("content-encoding")) contentEncoding = value.trim().toLowerCase(Locale.ROOT);
                if (DROPPED.contains(name) || name.equals("content-type") || name.equals("content-encoding")) continue;
                if (name.equals("location")) value = rewrite(timestamp, target, value);
                headers.add(Map.entry(h.getKey(), value));
            }
        }
        headers.add(Map.entry("Content-Security-Policy", csp));
        headers.add(Map.entry("X-Content-Type-Options", "nosniff"));
        headers.add(Map.entry("Link", "<" + entry.url() + ">; rel=\"original\""));
        headers.add(Map.entry("Memento-Datetime", mementoDate(entry.timestamp())));

        boolean html = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html");
        boolean decodable = ContentCoding.isDecodable(contentEncoding);
        if (raw || !html || !decodable) {
            if (contentType != null) headers.add(Map.entry("Content-Type", contentType));
            // Raw bytes are exactly as archived; naming their coding would make clients decode them.
            if (contentEncoding != null) headers.add(Map.entry(raw ? "X-Archive-Orig-Content-Encoding" : "Content-Encoding", contentEncoding));
            return Optional.of(new ReplayResult(head.status(), headers, payload.body, payload.length));
        }
        byte[] page;
        Charset charset;
        try (InputStream in = ContentCoding.decode(payload.body, contentEncoding)) {
            HtmlLinkRewriter.Rewritten rewritten = HtmlLinkRewriter.rewrite(in, charsetOf(contentType), target.url(), "/replay/" + timestamp + "/");
            page = rewritten.bytes();
            charset = rewritten.charset();
        }
        headers.add(Map.entry("Content-Type", "text/html; charset=" + charset.name()));
        return Optional.of(new ReplayResult(head.status(), headers, new ByteArrayInputStream(page), page.length));
    }

    private String rewrite(String timestamp, NormalizedUrl base, String location) {
        try {
            return "/replay/" + timestamp + "/" + normalizer.resolve(base, location).url();
        } catch (RuntimeException e) {
            return location;
        }
    }

    /** An HTTP message read from a WARC record; when {@code keepOpen}, its payload stream owns the file. */
    private record Opened(HttpResponse http, InputStream body, long length) {}

    private Opened readRecord(CdxjEntry entry, boolean keepOpen) throws IOException {
        WarcReader reader = new WarcReader(cdxj.locate(entry.filename()));
        try {
            reader.position(entry.offset());
            WarcRecord record = reader.next().orElseThrow(() -> new IOException("no record at " + entry.filename() + ":" + entry.offset()));
            if (!(record instanceof WarcResponse) && !(record instanceof WarcRevisit)) {
                throw new IOException("record at " + entry.filename() + ":" + entry.offset() + " is a " + record.type() + ", not a response");
            }
            HttpResponse http = ((WarcCaptureRecord) record) instanceof WarcResponse r ? r.http() : ((WarcRevisit) record).http();
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
                    return null;
                }
            }
        }
        return null;
    }

    private static String mementoDate(String ts) {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.LocalDateTime.parse(ts, java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")).atZone(java.time.ZoneOffset.UTC));
    }

}
