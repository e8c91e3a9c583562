package org.tracemap.crawl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.tracemap.archive.ContentCoding;
import org.tracemap.fetch.FetchedCapture;
import org.tracemap.fetch.FetchedResponse;
import org.tracemap.fetch.HttpFetcher;
import org.tracemap.intake.CaptureRequest;
import org.tracemap.intake.UrlNormalizer;

/**
 * Fetches what a crawl reads but does not archive as pages: robots.txt, sitemaps and feeds. Goes through
 * the pipeline's fetcher, so the SSRF guard, timeouts, size cap, retries and host politeness apply.
 */
public final class SourceFetcher {
    /** The final response after redirects: status, content type and the decoded body (empty on failure). */
    public record Fetched(String url, int status, String contentType, byte[] body, String failure) {
        public boolean ok() {
            return failure == null && status >= 200 && status < 300;
        }
    }

    /** Sitemaps may be 50 MB uncompressed (sitemaps.org); robots.txt and feeds are far smaller. Past it: a failure, not an OOM. */
    static final int MAX_DECODED_BYTES = 50 * 1024 * 1024;

    private final HttpFetcher fetcher;
    private final UrlNormalizer normalizer;

    public SourceFetcher(HttpFetcher fetcher, UrlNormalizer normalizer) {
        this.fetcher = fetcher;
        this.normalizer = normalizer;
    }

    public Fetched fetch(String url) {
        CaptureRequest request = CaptureRequest.once("crawl-source-" + UUID.randomUUID(), normalizer.normalize(url), "crawl");
        FetchedCapture capture = fetcher.fetch(request);
        try {
            if (capture.responses().isEmpty()) return new Fetched(url, 0, null, new byte[0], capture.failure());
            FetchedResponse last = capture.responses().get(capture.responses().size() - 1);
            byte[] body = last.body() == null ? new byte[0] : read(last);
            return new Fetched(last.url().url(), last.status(), last.contentType(), body, capture.failed() ? capture.failure() : null);
        } catch (IOException e) {
            return new Fetched(url, 0, null, new byte[0], "cannot read the response: " + e.getMessage());
        } finally {
            try {
                capture.discardBodies();
            } catch (IOException ignored) {
                // spooled files of a finished fetch; the spool folder is emptied at the next start anyway
            }
        }
    }

    /** The body with its content-coding (gzip, deflate) undone, as the parsers want it. */
    private static byte[] read(FetchedResponse r) throws IOException {
        String coding = header(r.responseHead(), "content-encoding");
        try (InputStream raw = Files.newInputStream(r.body());
             InputStream in = coding != null && ContentCoding.isDecodable(coding) ? ContentCoding.decode(raw, coding) : raw) {
            byte[] body = in.readNBytes(MAX_DECODED_BYTES + 1);
            if (body.length > MAX_DECODED_BYTES) throw new IOException("larger than " + (MAX_DECODED_BYTES >> 20) + " MB once decoded");
            return body;
        }
    }

    private static String header(byte[] head, String name) {
        for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) return line.substring(colon + 1).trim();
        }
        return null;
    }
}
