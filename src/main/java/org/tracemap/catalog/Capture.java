package org.tracemap.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * A requested capture of one URL and where it stands in the pipeline.
 *
 * @param attempts HTTP requests made for it so far (every retry and redirect hop)
 * @param tries    fetch attempts begun so far (a retry is a new try)
 * @param retryAt  for a QUEUED capture waiting to be retried: when it may be fetched again; else null
 */
public record Capture(
        String id,
        String url,
        String surt,
        CaptureStatus status,
        int attempts,
        String error,
        Map<String, String> tags,
        String note,
        String requestedBy,
        String snapshotId,
        Instant createdAt,
        Instant updatedAt,
        int tries,
        Instant retryAt) {}
