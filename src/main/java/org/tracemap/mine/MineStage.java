package org.tracemap.mine;

import java.util.ArrayList;
import java.util.List;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.ChangeKind;
import org.tracemap.catalog.ExtractionStore;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;

/**
 * The mine stage: proposes candidate data points from an indexed snapshot's main text and moves its
 * capture to MINED, in one transaction. Idempotent: a snapshot mined again adds no source twice.
 * A revisit (UNCHANGED) is not mined again: its original's candidates already cite the same bytes.
 */
public final class MineStage {
    private final CandidateMiner miner;
    private final ExtractionStore extractions;
    private final CandidateStore candidates;
    private final CaptureStore captures;
    private final SnapshotStore snapshots;

    public MineStage(CandidateMiner miner, ExtractionStore extractions, CandidateStore candidates, CaptureStore captures,
                     SnapshotStore snapshots) {
        this.miner = miner;
        this.extractions = extractions;
        this.candidates = candidates;
        this.captures = captures;
        this.snapshots = snapshots;
    }

    /** Returns how many new sources the snapshot gave. */
    public int mine(Snapshot snapshot) {
        Capture capture = captures.find(snapshot.captureId()).orElseThrow(() -> new IllegalStateException("unknown capture " + snapshot.captureId()));
        if (capture.status() == CaptureStatus.FAILED) return 0;
        List<CandidateStore.Mined> found = new ArrayList<>();
        var extraction = extractions.find(snapshot.id());
        if (snapshot.change() != ChangeKind.UNCHANGED && extraction.isPresent() && extraction.get().error() == null) {
            var e = extraction.get();
            for (MinedCandidate c : miner.mine(new MinableDocument(e.title(), e.text(), e.published(), e.lang()))) {
                found.add(new CandidateStore.Mined(c.company(), c.category(), c.country(), c.city(), c.year(), c.quote(), c.quoteStart(),
                        c.quoteEnd(), c.score(), c.lat(), c.lon(), c.precision()));
            }
        }
        return candidates.addMined(snapshot, found, captures, CaptureStatus.MINED);
    }

    /** On start: captures a stop left INDEXED. */
    public List<Snapshot> awaitingMining() {
        List<Snapshot> out = new ArrayList<>();
        for (Capture c : captures.leftByEarlierRun(CaptureStatus.INDEXED, 1_000_000)) {
            if (c.snapshotId() != null) snapshots.find(c.snapshotId()).ifPresent(out::add);
        }
        return out;
    }
}
