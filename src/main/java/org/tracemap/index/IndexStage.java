package org.tracemap.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.ExtractionStore;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;

/**
 * The index stage: indexes an extracted snapshot's text and moves its capture to INDEXED. Snapshots with
 * nothing to index (non-2xx answers) pass straight to INDEXED; captures that failed extraction stay FAILED.
 */
public final class IndexStage {
    private final LuceneIndex index;
    private final ExtractionStore extractions;
    private final CaptureStore captures;
    private final SnapshotStore snapshots;

    public IndexStage(LuceneIndex index, ExtractionStore extractions, CaptureStore captures, SnapshotStore snapshots) {
        this.index = index;
        this.extractions = extractions;
        this.captures = captures;
        this.snapshots = snapshots;
    }

    public Snapshot index(Snapshot snapshot) throws IOException {
        Capture capture = captures.find(snapshot.captureId()).orElseThrow(() -> new IllegalStateException("unknown capture " + snapshot.captureId()));
        if (capture.status() == CaptureStatus.FAILED) return snapshot;
        var extraction = extractions.find(snapshot.id());
        if (extraction.isPresent() && extraction.get().error() == null) {
            var e = extraction.get();
            index.index(new IndexedDocument(snapshot.id(), snapshot.captureId(), snapshot.url(), URI.create(snapshot.url()).getHost(),
                    e.title(), e.text(), e.lang() == null ? "und" : e.lang(), snapshot.capturedAt(), snapshot.timestamp(), e.published(),
                    snapshot.contentType()));
        }
        // A MINED capture whose document a crash lost is indexed again but stays MINED: states never go back.
        if (capture.status().ordinal() < CaptureStatus.INDEXED.ordinal()) {
            captures.transition(capture.id(), CaptureStatus.INDEXED, null, capture.error(), 0);
        }
        return snapshot;
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
