package org.tracemap.index;

import java.time.Instant;
import java.time.LocalDate;

/** What the index stage indexes for one snapshot. */
public record IndexedDocument(String snapshotId, String captureId, String url, String host, String title, String text,
                              String lang, Instant capturedAt, String timestamp, LocalDate published, String contentType) {}
