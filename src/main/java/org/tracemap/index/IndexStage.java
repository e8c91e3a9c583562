package org.tracemap.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.ExtractionStore;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.limits.TimeLimitExceededException;
import org.tracemap.limits.TimeLimiter;

/**
 * The index stage: indexes an extracted snapshot's text and moves its capture to INDEXED. Snapshots with
 * nothing to index (non-2xx answers) pass straight to INDEXED; captures that failed extraction stay FAILED.
 *
 * <p>The stage has one worker, so one document must not hold it: a text longer than
 * {@code tracemap.index.max-text-chars} is not indexed, and building and tagging a document runs under
 * {@code tracemap.index.time-limit}; either fails the capture with that reason while the others flow on.
 * The Lucene write itself runs on the stage's thread, outside the limit (it must not be interrupted; its
 * cost is bounded by the size limit).
 */
public final class IndexStage {
    private static final Logger log = LoggerFactory.getLogger(IndexStage.class);

    private final LuceneIndex index;
    private final ExtractionStore extractions;
    private final CaptureStore captures;
    private final SnapshotStore snapshots;
    private final TimeLimiter limiter;
    private final int maxTextChars;

    /**
     * @param limiter      runs the tagging of one document ({@code tracemap.index.time-limit})
     * @param maxTextChars longest text indexed ({@code tracemap.index.max-text-chars})
     */
    public IndexStage(LuceneIndex index, ExtractionStore extractions, CaptureStore captures, SnapshotStore snapshots, TimeLimiter limiter,
                      int maxTextChars) {
        this.index = index;
        this.extractions = extractions;
        this.captures = captures;
        this.snapshots = snapshots;
        this.limiter = limiter;
        this.maxTextChars = maxTextChars;
    }

    public Snapshot index(Snapshot snapshot) throws IOException {
        Capture capture = captures.find(snapshot.captureId()).orElseThrow(() -> new IllegalStateException("unknown capture " + snapshot.captureId()));
        if (capture.status() == CaptureStatus.FAILED) return snapshot;
        var extraction = extractions.find(snapshot.id());
        if (extraction.isPresent() && extraction.get().error() == null) {
            var e = extraction.get();
            IndexedDocument doc = new IndexedDocument(snapshot.id(), snapshot.captureId(), snapshot.url(), URI.create(snapshot.url()).getHost(),
                    e.title(), e.text(), e.lang() == null ? "und" : e.lang(), snapshot.capturedAt(), snapshot.timestamp(), e.published(),
                    snapshot.contentType());
            long chars = length(e.text()); // the title is at most 1,000 characters (the extract stage cuts it)
            if (chars > maxTextChars) {
                fail(capture, String.format(java.util.Locale.ROOT, "index: the text is %,d characters, more than %,d (tracemap.index.max-text-chars)",
                        chars, maxTextChars));
                return snapshot;
            }
            LuceneIndex.Prepared prepared;
            try {
                prepared = limiter.call(() -> index.prepare(doc));
            } catch (TimeLimitExceededException x) {
                fail(capture, "index: " + x.getMessage());
                return snapshot;
            }
            index.write(prepared);
        }
        // A MINED capture whose document a crash lost is indexed again but stays MINED: states never go back.
        if (capture.status().ordinal() < CaptureStatus.INDEXED.ordinal()) {
            captures.transition(capture.id(), CaptureStatus.INDEXED, null, capture.error(), 0);
        }
        return snapshot;
    }

    /** Marks the capture FAILED with the reason; one already past indexing (re-indexed after a crash) keeps its state. */
    private void fail(Capture capture, String reason) {
        log.warn("capture {} ({}) not indexed: {}", capture.id(), capture.url(), reason);
        if (capture.status().ordinal() < CaptureStatus.INDEXED.ordinal()) {
            captures.transition(capture.id(), CaptureStatus.FAILED, null, reason, 0);
        }
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
    }

    /** On start: EXTRACTED captures, and INDEXED or MINED ones whose document a crash lost before the index commit. */
    public List<Snapshot> awaitingIndex() {
        List<Snapshot> out = new ArrayList<>();
        for (Capture c : captures.leftByEarlierRun(CaptureStatus.EXTRACTED, 100_000)) add(c, out);
        List<Capture> done = new ArrayList<>(captures.leftByEarlierRun(CaptureStatus.INDEXED, 1_000_000));
        done.addAll(captures.leftByEarlierRun(CaptureStatus.MINED, 1_000_000));
        for (Capture c : done) {
            try {
                if (c.snapshotId() != null && extractions.find(c.snapshotId()).map(e -> e.error() == null).orElse(false) && !index.contains(c.snapshotId())) {
                    add(c, out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private void add(Capture c, List<Snapshot> out) {
        if (c.snapshotId() != null) snapshots.find(c.snapshotId()).ifPresent(out::add);
    }
}
