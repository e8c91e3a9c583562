package org.tracemap.archive;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcTargetRecord;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.ChangeKind;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.intake.InvalidInputException;
import org.tracemap.intake.NormalizedUrl;
import org.tracemap.intake.UrlNormalizer;

/**
 * Finishes, at start, the captures a crash caught between "written to the WARC" and "recorded in the
 * catalogue". Their records are in the archive (the WARC is the source of truth) while the catalogue still
 * says FETCHING; fetching them again would archive them twice. Every capture whose records are complete (all
 * its hops, which the archive stage writes in one append) is settled from the records instead: ARCHIVED, or
 * FAILED with the reason its last hop's metadata gives. The rest are left for the queue to fetch again.
 */
public final class ArchivedInFlight {
    private static final Logger log = LoggerFactory.getLogger(ArchivedInFlight.class);

    private final ArchiveLayout layout;
    private final CdxjIndex cdxj;
    private final SnapshotStore snapshots;
    private final CaptureStore captures;
    private final UrlNormalizer normalizer;

    public ArchivedInFlight(ArchiveLayout layout, CdxjIndex cdxj, SnapshotStore snapshots, CaptureStore captures, UrlNormalizer normalizer) {
        this.layout = layout;
        this.cdxj = cdxj;
        this.snapshots = snapshots;
        this.captures = captures;
        this.normalizer = normalizer;
    }

    /**
     * Settles the in-flight captures found complete in the WARC files written since {@code since}; returns how
     * many. Call after recovery closed the unfinished files and their CDXJ was rebuilt.
     */
    public int settle(Set<String> inFlight, Instant since) throws IOException {
        if (inFlight.isEmpty()) return 0;
        int settled = 0;
        for (Path warc : layout.finishedWarcs()) {
            // A file last written before the oldest claim cannot hold records of these captures.
            if (Files.getLastModifiedTime(warc).toInstant().isBefore(since.minusSeconds(2))) continue;
            for (Found capture : scan(warc, inFlight).values()) {
                if (!capture.isComplete()) continue;
                settle(capture);
                inFlight.remove(capture.captureId);
                settled++;
            }
        }
        return settled;
    }

    private void settle(Found capture) {
        List<Snapshot> hops = new ArrayList<>();
        for (int hop = 0; hop < capture.hops; hop++) hops.add(capture.snapshots.get(hop));
        Snapshot last = hops.get(hops.size() - 1);
        if (capture.failure != null) {
            captures.settle(capture.captureId, CaptureStatus.FAILED, hops, last.id(), "fetch: " + capture.failure, 0);
        } else {
            String notice = last.truncated() == null ? null : "body truncated (" + last.truncated() + ")";
            captures.settle(capture.captureId, CaptureStatus.ARCHIVED, hops, last.id(), notice, 0);
        }
        log.info("capture {} was archived before the stop but not recorded; settled from {} instead of fetched again",
                capture.captureId, last.warcFile());
    }

    /** One in-flight capture's hops as found in a WARC file. */
    private static final class Found {
        final String captureId;
        final Map<Integer, Snapshot> snapshots = new HashMap<>();
        int hops = -1;
        String failure;

        Found(String captureId) {
            this.captureId = captureId;
        }

        boolean isComplete() {
            if (hops <= 0) return false;
            for (int hop = 0; hop < hops; hop++) if (!snapshots.containsKey(hop)) return false;
            return true;
        }
    }

    private Map<String, Found> scan(Path warc, Set<String> inFlight) throws IOException {
        String file = warc.getFileName().toString();
        Map<Long, CdxjEntry> entries = new HashMap<>();
        for (CdxjEntry e : cdxj.entriesOf(file)) entries.put(e.offset(), e);
        Map<String, Snapshot> responses = new HashMap<>(); // by record id, until their metadata names the capture
        Map<String, Found> found = new HashMap<>();
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord record : reader) {
                if (record instanceof WarcResponse || record instanceof WarcRevisit) {
                    CdxjEntry entry = entries.get(record.position());
                    if (entry != null) snapshotOf((WarcTargetRecord) record, entry, file).ifPresent(s -> responses.put(s.id(), s));
                } else if (record instanceof WarcMetadata metadata) {
                    Optional<String> captureId = metadata.fields().first(CaptureRecords.CAPTURE_ID);
                    Optional<String> hop = metadata.fields().first(CaptureRecords.HOP);
                    Optional<String> hops = metadata.fields().first(CaptureRecords.HOPS);
                    if (captureId.isEmpty() || !inFlight.contains(captureId.get()) || hop.isEmpty() || hops.isEmpty()) continue;
                    String responseId = metadata.concurrentTo().stream().findFirst().map(ArchivedInFlight::uuidOf).orElse(null);
                    Snapshot response = responseId == null ? null : responses.remove(responseId);
                    if (response == null) continue;
                    int h = Integer.parseInt(hop.get());
                    Found f = found.computeIfAbsent(captureId.get(), Found::new);
                    f.hops = Integer.parseInt(hops.get());
                    f.snapshots.put(h, withCapture(response, captureId.get(), h));
                    metadata.fields().first(CaptureRecords.FETCH_FAILURE).ifPresent(reason -> f.failure = reason);
                }
            }
        } catch (NumberFormatException e) {
            throw new IOException(file + " has a malformed hop number in a metadata record: " + e.getMessage(), e);
        }
        return found;
    }

    private Optional<Snapshot> snapshotOf(WarcTargetRecord record, CdxjEntry entry, String file) throws IOException {
        NormalizedUrl url;
        try {
            url = normalizer.normalize(record.target());
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
        HttpResponse http = record instanceof WarcResponse r ? r.http() : ((WarcRevisit) record).http();
        String refersTo = record instanceof WarcRevisit revisit ? revisit.refersTo().map(ArchivedInFlight::uuidOf).orElse(null) : null;
        String truncated = record.truncated() == WarcTruncationReason.NOT_TRUNCATED ? null : record.truncated().name().toLowerCase();
        ChangeKind change = refersTo != null ? ChangeKind.UNCHANGED
                : WarcArchiver.classify(snapshots.latest(url.surt(), url.url()), http.status(), entry.digest(), truncated);
        return Optional.of(new Snapshot(uuidOf(record.id()), null, 0, url.url(), url.surt(), entry.timestamp(), record.date(), http.status(),
                http.headers().first("Content-Type").orElse(null), entry.digest(), change, refersTo != null ? "revisit" : "response",
                refersTo, truncated, file, entry.offset(), entry.length()));
    }

    private static Snapshot withCapture(Snapshot s, String captureId, int hop) {
        return new Snapshot(s.id(), captureId, hop, s.url(), s.surt(), s.timestamp(), s.capturedAt(), s.httpStatus(), s.contentType(),
                s.payloadDigest(), s.change(), s.recordType(), s.refersTo(), s.truncated(), s.warcFile(), s.warcOffset(), s.warcLength());
    }

    private static String uuidOf(URI urn) {
        String s = urn.toString();
        return s.startsWith("urn:uuid:") ? s.substring(9) : s;
    }
}
