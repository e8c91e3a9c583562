package org.tracemap.intake;

import java.util.Map;
import org.tracemap.catalog.Capture;

/**
 * A claimed capture on its way to the fetch stage: the message body between intake and fetch.
 *
 * @param attempt which fetch attempt of the capture this is, counting from 1; retries are new attempts
 */
public record CaptureRequest(String captureId, NormalizedUrl url, Map<String, String> tags, String requestedBy, int attempt) {
    /** What {@code requestedBy} starts with for captures the public submitted (no account behind them). */
    public static final String PUBLIC_PREFIX = "public:";

    public static CaptureRequest of(Capture capture) {
        return new CaptureRequest(capture.id(), new NormalizedUrl(capture.url(), capture.surt()), capture.tags(),
                capture.requestedBy(), Math.max(1, capture.tries()));
    }

    /** A request fetched once, never rescheduled (robots.txt, sitemaps and feeds read by crawls). */
    public static CaptureRequest once(String id, NormalizedUrl url, String requestedBy) {
        return new CaptureRequest(id, url, Map.of(), requestedBy, Integer.MAX_VALUE);
    }

    /** True for captures queued through the public submission form: they are fetched under stricter limits. */
    public boolean isPublicSubmission() {
        return requestedBy != null && requestedBy.startsWith(PUBLIC_PREFIX);
    }
}
