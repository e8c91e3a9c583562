package org.tracemap.archive;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netpreserve.jwarc.WarcRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.ChangeKind;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.fetch.FetchedCapture;
import org.tracemap.fetch.FetchedResponse;
import org.tracemap.fetch.Sha256;

/**
 * The archive stage: writes every response of a fetched capture to WARC (a revisit when the payload is
 * unchanged), indexes it in CDXJ, records the snapshots, and only then marks the capture ARCHIVED — or
 * FAILED with the reason, keeping whatever responses were fetched before the failure.
 */
public final class WarcArchiver {
    private static final Logger log = LoggerFactory.getLogger(WarcArchiver.class);
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final RollingWarcWriter warcs;
    private final CdxjIndex cdxj;
    private final SnapshotStore snapshots;
    private final CaptureStore captures;
    private final Duration retryDelay;
    private final Clock clock;

    /** @param retryDelay how long a capture whose archive write failed waits before it is fetched again */
    public WarcArchiver(RollingWarcWriter warcs, CdxjIndex cdxj, SnapshotStore snapshots, CaptureStore captures, Duration retryDelay, Clock clock) {
        this.retryDelay = retryDelay;
        this.clock = clock;
        this.warcs = warcs;
        this.cdxj = cdxj;
        this.snapshots = snapshots;
        this.captures = captures;
    }

    /**
     * Archives the capture and settles its status. Returns the final snapshot for extraction, or null when
     * there is nothing to extract: the fetch failed (its hops are archived, the capture is FAILED with the
     * reason), or the archive could not be written (the capture goes back to the queue, to be tried again
     * once the disk has room; nothing already archived is touched).
     */
    public Snapshot archive(FetchedCapture fetched) {
        String captureId = fetched.request().captureId();
        try {
            List<Snapshot> written = write(fetched);
            Snapshot last = written.isEmpty() ? null : written.get(written.size() - 1);
            String snapshotId = last == null ? null : last.id();
            if (fetched.failed()) {
                captures.settle(captureId, CaptureStatus.FAILED, written, snapshotId, "fetch: " + fetched.failure(), fetched.attempts());
                return null;
            }
            captures.settle(captureId, CaptureStatus.ARCHIVED, written, snapshotId, fetched.notice(), fetched.attempts());
            return last;
        } catch (IOException e) {
            Instant retryAt = clock.instant().plus(retryDelay);
            log.error("archiving capture {} failed; it is queued again for {}", captureId, retryAt, e);
            captures.retryLater(captureId, retryAt, "archive: could not write the WARC (" + e.getMessage() + "); queued again for "
                    + retryAt, fetched.attempts(), true);
            return null;
        } finally {
            try {
                fetched.discardBodies();
            } catch (IOException e) {
                log.warn("could not delete spooled bodies of capture {}: {}", captureId, e.getMessage());
            }
        }
    }

    /**
     * Writes every hop of the capture in one contiguous append (so a crash leaves either the whole capture or
     * a tail that recovery cuts back to the previous capture), waits until it is on disk, and indexes it.
     */
    private List<Snapshot> write(FetchedCapture fetched) throws IOException {
        List<FetchedResponse> hops = fetched.responses();
        if (hops.isEmpty()) return List.of();
        List<CaptureRecords.Built> built = new ArrayList<>(hops.size());
        List<ChangeKind> changes = new ArrayList<>(hops.size());
        List<Snapshot> originals = new ArrayList<>(hops.size());
        List<WarcRecord> records = new ArrayList<>();
        for (int hop = 0; hop < hops.size(); hop++) {
            FetchedResponse r = hops.get(hop);
            Optional<Snapshot> previous = snapshots.latest(r.url().surt(), r.url().url());
            ChangeKind change = classify(previous, r);
            Snapshot original = null;
            if (change == ChangeKind.UNCHANGED) {
                Snapshot p = previous.get();
                original = p.isRevisit() ? snapshots.find(p.refersTo()).orElse(null) : p;
                if (original == null) change = ChangeKind.CHANGED; // the original is unknown: store the payload again
            }
            CaptureRecords.Built b = CaptureRecords.build(fetched, hop, r, original);
            built.add(b);
            changes.add(change);
            originals.add(original);
            records.addAll(b.records());
        }
        List<RollingWarcWriter.Written> positions = warcs.write(records);
        warcs.awaitDurable(positions.get(positions.size() - 1));
        List<Snapshot> out = new ArrayList<>(hops.size());
        int first = 0;
        for (int hop = 0; hop < hops.size(); hop++) {
            FetchedResponse r = hops.get(hop);
            RollingWarcWriter.Written response = positions.get(first + CaptureRecords.RESPONSE_INDEX);
            first += built.get(hop).records().size();
            cdxj.add(response.fileName(), response.offset(), response.length());
            Snapshot original = originals.get(hop);
            out.add(new Snapshot(built.get(hop).snapshotId().toString(), fetched.request().captureId(), hop, r.url().url(), r.url().surt(),
                    TIMESTAMP.format(fetched.startedAt()), fetched.startedAt(), r.status(), r.contentType(),
                    Sha256.label(r.payloadDigest()), changes.get(hop), original == null ? "response" : "revisit",
                    original == null ? null : original.id(), r.truncated(), response.fileName(), response.offset(), response.length()));
        }
        return out;
    }

    /** NEW, CHANGED, UNCHANGED (same status and payload) or GONE (2xx before, 404/410 now). */
    static ChangeKind classify(Optional<Snapshot> previous, FetchedResponse r) {
        return classify(previous, r.status(), Sha256.label(r.payloadDigest()), r.truncated());
    }

    /** As {@link #classify(Optional, FetchedResponse)}, from what a WARC record says of the response. */
    static ChangeKind classify(Optional<Snapshot> previous, int status, String payloadDigest, String truncated) {
        if (previous.isEmpty()) return ChangeKind.NEW;
        Snapshot p = previous.get();
        if (truncated == null && p.truncated() == null && p.httpStatus() == status && p.payloadDigest().equals(payloadDigest)) {
            return ChangeKind.UNCHANGED;
        }
        if (p.httpStatus() >= 200 && p.httpStatus() < 300 && (status == 404 || status == 410)) return ChangeKind.GONE;
        return ChangeKind.CHANGED;
    }
}
