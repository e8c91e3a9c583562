package org.tracemap.extract;

import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.archive.SnapshotPayloads;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureNotice;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.ExtractionStore;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;

/**
 * The extract stage: reads a capture's final snapshot back from the WARC, extracts it, stores the
 * extraction and moves the capture to EXTRACTED — or to FAILED with the extraction error, which is also
 * kept with the snapshot. Only 2xx answers carry a document worth extracting; others pass straight on.
 */
public final class ExtractStage {
    private static final Logger log = LoggerFactory.getLogger(ExtractStage.class);

    private final DocumentExtractor extractor;
    private final SnapshotPayloads payloads;
    private final ExtractionStore extractions;
    private final CaptureStore captures;
    private final SnapshotStore snapshots;
    private final long maxBytes;

    /** @param maxBytes documents larger than this are not extracted ({@code tracemap.extract.max-bytes}) */
    public ExtractStage(DocumentExtractor extractor, SnapshotPayloads payloads, ExtractionStore extractions, CaptureStore captures,
                        SnapshotStore snapshots, long maxBytes) {
        this.extractor = extractor;
        this.payloads = payloads;
        this.extractions = extractions;
        this.captures = captures;
        this.snapshots = snapshots;
        this.maxBytes = Math.min(maxBytes, Integer.MAX_VALUE - 16);
    }

    public Snapshot extract(Snapshot snapshot) {
        Capture capture = captures.find(snapshot.captureId())
                .orElseThrow(() -> new IllegalStateException("snapshot " + snapshot.id() + " belongs to unknown capture " + snapshot.captureId()));
        if (capture.status() == CaptureStatus.FAILED) return snapshot; // a failed capture never moves on
        String notice = capture.error(); // e.g. a truncation notice from the archive stage stays visible
        String skip = reasonToSkip(snapshot);
        if (skip != null) {
            extractions.save(new ExtractionStore.Extraction(snapshot.id(), snapshot.captureId(), null, null, null, "", List.of(), false,
                    "not extracted: " + skip), captures, CaptureStatus.EXTRACTED, notice);
            return snapshot;
        }
        try {
            byte[] body = payloads.readDecoded(snapshot, (int) maxBytes + 1); // one byte more tells "too large" (a gzip bomb too)
            if (body.length > maxBytes) {
                extractions.save(new ExtractionStore.Extraction(snapshot.id(), snapshot.captureId(), null, null, null, "", List.of(), false,
                        "not extracted: " + tooLarge()), captures, CaptureStatus.EXTRACTED, notice);
                return snapshot;
            }
            ExtractedText t = extractor.extract(body, snapshot.contentType(), snapshot.url());
            extractions.save(new ExtractionStore.Extraction(snapshot.id(), snapshot.captureId(), t.title(), t.published(), t.lang(), t.text(),
                    t.outlinks(), t.truncated(), null), captures, CaptureStatus.EXTRACTED, CaptureNotice.append(notice, "extract", t.notes()));
        } catch (ExtractionException | IOException e) {
            log.warn("extraction of {} failed: {}", snapshot.url(), e.getMessage());
            extractions.save(new ExtractionStore.Extraction(snapshot.id(), snapshot.captureId(), null, null, null, "", List.of(), false,
                    e.getMessage()), captures, CaptureStatus.FAILED, "extract: " + e.getMessage());
        }
        return snapshot;
    }

    /** Why a snapshot has no document to extract, or null when it has one. */
    private String reasonToSkip(Snapshot s) {
        if (s.httpStatus() < 200 || s.httpStatus() >= 300) return "HTTP " + s.httpStatus();
        String type = s.contentType() == null ? "" : s.contentType().toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("image/") || type.startsWith("video/") || type.startsWith("audio/") || type.startsWith("font/")) {
            return "media type " + type.split(";")[0].trim() + " holds no text";
        }
        // The WARC record's length bounds the payload: no need to read a huge body to learn it is too large.
        if (s.warcLength() > maxBytes * 2 && !s.isRevisit()) return tooLarge();
        return null;
    }

    private String tooLarge() {
        return "the document is larger than " + (maxBytes >> 20) + " MB (tracemap.extract.max-bytes)";
    }

    /** Snapshots of captures a stop left ARCHIVED, to extract on start. */
    public List<Snapshot> awaitingExtraction() {
        return captures.leftByEarlierRun(CaptureStatus.ARCHIVED, 10_000).stream()
                .filter(c -> c.snapshotId() != null)
                .map(c -> snapshots.find(c.snapshotId()).orElse(null))
                .filter(java.util.Objects::nonNull).toList();
    }
}
