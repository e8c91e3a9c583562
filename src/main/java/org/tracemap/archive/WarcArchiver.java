package org.tracemap.archive;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    public WarcArchiver(RollingWarcWriter warcs, CdxjIndex cdxj, SnapshotStore snapshots, CaptureStore captures) {
        this.warcs = warcs;
        this.cdxj = cdxj;
        this.snapshots = snapshots;
        this.captures = captures;
    }

    /** Archives the capture and settles its status; returns the final snapshot, or null if nothing was archived. */
    public Snapshot archive(FetchedCapture fetched) {
        String captureId = fetched.request().captureId();
        try {
            List<Snapshot> written = new ArrayList<>();
            for (int hop = 0; hop < fetched.responses().size(); hop++) {
                written.add(archiveOne(fetched, hop, fetched.responses().get(hop)));
            }
            Snapshot last = written.isEmpty() ? null : written.get(written.size() - 1);
            String snapshotId = last == null ? null : last.id();
            if (fetched.failed()) {
                captures.settle(captureId, CaptureStatus.FAILED, written, snapshotId, "fetch: " + fetched.failure(), fetched.attempts());
            } else {
                String notice = last.truncated() == null ? null : truncationNotice(last);
                captures.settle(captureId, CaptureStatus.ARCHIVED, written, snapshotId, notice, fetched.attempts());
            }
            return last;
        } catch (IOException e) {
            log.error("archiving capture {} failed", captureId, e);
            captures.transition(captureId, CaptureStatus.FAILED, null, "archive: " + e.getMessage(), fetched.attempts());
            return null;
        } finally {
            try {
                fetched.discardBodies();
            } catch (IOException e) {
                log.warn("could not delete spooled bodies of capture {}: {}", captureId, e.getMessage());
            }
        }
    }

    private Snapshot archiveOne(FetchedCapture fetched, int hop, FetchedResponse r) throws IOException {
        Optional<Snapshot> previous = snapshots.latest(r.url().surt(), r.url().url());
        ChangeKind change = classify(previous, r);
        Snapshot original = null;
        if (change == ChangeKind.UNCHANGED) {
            Snapshot p = previous.get();
            original = p.isRevisit() ? snapshots.find(p.refersTo()).orElse(null) : p;
            if (original == null) change = ChangeKind.CHANGED; // the original is unknown: store the payload again
        }
        CaptureRecords.Built built = CaptureRecords.build(fetched, hop, r, original);
        List<RollingWarcWriter.Written> positions = warcs.write(built.records());
        warcs.awaitDurable(positions.get(positions.size() - 1));
        RollingWarcWriter.Written response = positions.get(1);
        cdxj.add(response.fileName(), response.offset(), response.length());
        return new Snapshot(built.snapshotId().toString(), fetched.request().captureId(), hop, r.url().url(), r.url().surt(),
                TIMESTAMP.format(fetched.startedAt()), fetched.startedAt(), r.status(), r.contentType(),
                Sha256.label(r.payloadDigest()), change, original == null ? "response" : "revisit",
                original == null ? null : original.id(), r.truncated(), response.fileName(), response.offset(), response.length());
    }

    /** NEW, CHANGED, UNCHANGED (same status and payload) or GONE (2xx before, 404/410 now). */
    static ChangeKind classify(Optional<Snapshot> previous, FetchedResponse r) {
        if (previous.isEmpty()) return ChangeKind.NEW;
        Snapshot p = previous.get();
        if (r.truncated() == null && p.truncated() == null && p.httpStatus() == r.status()
                && p.payloadDigest().equals(Sha256.label(r.payloadDigest()))) {
            return ChangeKind.UNCHANGED;
        }
        if (p.httpStatus() >= 200 && p.httpStatus() < 300 && (r.status() == 404 || r.status() == 410)) return ChangeKind.GONE;
        return ChangeKind.CHANGED;
    }

    private static String truncationNotice(Snapshot s) {
        return "body truncated (" + s.truncated() + "): the archived response holds only the bytes read before the "
                + (s.truncated().equals("length") ? "size limit (tracemap.fetch.max-body-size)" : "time limit (tracemap.fetch.total-timeout)");
    }
}
