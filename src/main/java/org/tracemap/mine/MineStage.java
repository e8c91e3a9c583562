package org.tracemap.mine;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.CaptureNotice;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.ChangeKind;
import org.tracemap.catalog.ExtractionStore;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.limits.TimeLimitExceededException;
import org.tracemap.limits.TimeLimiter;
import org.tracemap.ranker.FeatureNames;

/**
 * The mine stage: proposes candidate data points from an indexed snapshot's main text and moves its
 * capture to MINED, in one transaction. Idempotent: a snapshot mined again adds no source twice.
 * A revisit (UNCHANGED) is not mined again: its original's candidates already cite the same bytes.
 *
 * <p>Limits, so one document cannot hold the stage's single worker: only the first
 * {@code tracemap.mine.max-text-chars} characters are mined and at most {@code tracemap.mine.max-candidates}
 * candidates kept (both deterministic, so the capture ends MINED with a note saying what was left out); mining
 * runs under {@code tracemap.mine.time-limit}, and past it the capture ends FAILED with that reason (what a
 * stopped run had found would depend on the machine's load, and would look to a reviewer like a complete reading).
 *
 * <p>Each candidate keeps its features (the miner's, plus the source's kind: {@link FeatureNames#ofSource}) and,
 * when there is a trained ranker, its rank.
 */
public final class MineStage {
    private static final Logger log = LoggerFactory.getLogger(MineStage.class);

    private final CandidateMiner miner;
    private final MineSettings settings;
    private final TimeLimiter limiter;
    private final ExtractionStore extractions;
    private final CandidateStore candidates;
    private final CaptureStore captures;
    private final SnapshotStore snapshots;
    private final Function<Map<String, Double>, Double> ranker;

    /** A stage without a ranker: candidates are not ranked. */
    public MineStage(CandidateMiner miner, MineSettings settings, TimeLimiter limiter, ExtractionStore extractions, CandidateStore candidates,
                     CaptureStore captures, SnapshotStore snapshots) {
        this(miner, settings, limiter, extractions, candidates, captures, snapshots, features -> null);
    }

    /**
     * @param limiter runs the mining of one document ({@code tracemap.mine.time-limit})
     * @param ranker  a candidate's rank from its features; null when there is no model
     */
    public MineStage(CandidateMiner miner, MineSettings settings, TimeLimiter limiter, ExtractionStore extractions, CandidateStore candidates,
                     CaptureStore captures, SnapshotStore snapshots, Function<Map<String, Double>, Double> ranker) {
        this.ranker = ranker;
        this.miner = miner;
        this.settings = settings;
        this.limiter = limiter;
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
        List<String> notes = new ArrayList<>();
        var extraction = extractions.find(snapshot.id());
        if (snapshot.change() != ChangeKind.UNCHANGED && extraction.isPresent() && extraction.get().error() == null) {
            var e = extraction.get();
            String text = e.text() == null ? "" : e.text();
            if (text.length() > settings.maxTextChars()) {
                notes.add(String.format(Locale.ROOT, "mining read the first %,d of %,d characters (tracemap.mine.max-text-chars)",
                        settings.maxTextChars(), text.length()));
                text = text.substring(0, settings.maxTextChars());
            }
            MinableDocument doc = new MinableDocument(e.title(), text, e.published(), e.lang());
            CandidateMiner.Result result;
            try {
                result = limiter.call(() -> miner.mineWithNotes(doc));
            } catch (TimeLimitExceededException x) {
                log.warn("capture {} ({}) not mined: {}", capture.id(), capture.url(), x.getMessage());
                captures.transition(capture.id(), CaptureStatus.FAILED, null, "mine: " + x.getMessage(), 0);
                return 0;
            }
            notes.addAll(result.notes());
            Map<String, Double> source = FeatureNames.ofSource(snapshot.contentType(), e.lang());
            for (MinedCandidate c : result.candidates()) {
                Map<String, Double> features = new LinkedHashMap<>(c.features());
                features.putAll(source);
                found.add(new CandidateStore.Mined(c.company(), c.category(), c.country(), c.city(), c.year(), c.quote(), c.quoteStart(),
                        c.quoteEnd(), c.score(), c.lat(), c.lon(), c.precision(), features, ranker.apply(features)));
            }
        }
        return candidates.addMined(snapshot, found, captures, CaptureStatus.MINED, CaptureNotice.append(capture.error(), "mine", notes));
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
