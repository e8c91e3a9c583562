package org.tracemap.catalog;

import java.time.Instant;

/**
 * One archived HTTP response (or revisit of an identical one): where its record lies in which WARC file,
 * and what it said.
 *
 * @param id         the WARC-Record-ID's UUID of the response or revisit record
 * @param hop        0 for the URL as requested, 1.. for each redirect followed
 * @param timestamp  14-digit capture time (yyyyMMddHHmmss, UTC), the replay key
 * @param truncated  the WARC-Truncated reason ("length", "time"), or null when complete
 */
public record Snapshot(
        String id,
        String captureId,
        int hop,
        String url,
        String surt,
        String timestamp,
        Instant capturedAt,
        int httpStatus,
        String contentType,
        String payloadDigest,
        ChangeKind change,
        String recordType,
        String refersTo,
        String truncated,
        String warcFile,
        long warcOffset,
        long warcLength) {

    public boolean isRevisit() {
        return "revisit".equals(recordType);
    }
}
