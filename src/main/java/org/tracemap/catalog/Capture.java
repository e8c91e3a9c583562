package org.tracemap.catalog;

import java.time.Instant;
import java.util.Map;

/** A requested capture of one URL and where it stands in the pipeline. */
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
        Instant updatedAt) {}
