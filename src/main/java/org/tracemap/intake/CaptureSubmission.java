package org.tracemap.intake;

import java.util.Map;

/** What a person (or a crawl) asks to capture, before validation. */
public record CaptureSubmission(String url, Map<String, String> tags, String note, String requestedBy) {
    public CaptureSubmission {
        tags = tags == null ? Map.of() : tags;
    }
}
