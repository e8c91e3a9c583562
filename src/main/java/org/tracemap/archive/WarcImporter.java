package org.tracemap.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcTargetRecord;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.ChangeKind;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.intake.InvalidInputException;
import org.tracemap.intake.NormalizedUrl;
import org.tracemap.intake.UrlNormalizer;

/**
 * Brings a WARC file made by another tool (wget, Heritrix, Browsertrix...) into the archive: the file is
 * copied byte for byte into {@code warcs/} under an {@code IMPORTED-} name, indexed in CDXJ, and each HTTP
 * response or revisit becomes an ARCHIVED capture with its snapshot, ready for the extract and index stages.
 */
public final class WarcImporter {
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private final ArchiveLayout layout;
    private final CdxjIndex cdxj;
    private final CaptureStore captures;
    private final SnapshotStore snapshots;
    private final UrlNormalizer normalizer;
    private final Clock clock;

    public WarcImporter(ArchiveLayout layout, CdxjIndex cdxj, CaptureStore captures, SnapshotStore snapshots, UrlNormalizer normalizer, Clock clock) {
        this.layout = layout;
        this.cdxj = cdxj;
        this.captures = captures;
        this.snapshots = snapshots;
        this.normalizer = normalizer;
        this.clock = clock;
    }

    /** Imports {@code source}; returns the snapshots created, in file order. */
    public List<Snapshot> importFile(Path source) throws IOException {
        String name = source.getFileName().toString();
        if (!name.endsWith(".warc.gz") && !name.endsWith(".warc")) throw new IOException(source + " is not a .warc or .warc.gz file");
        try (WarcReader check = new WarcReader(source)) {
            if (check.next().isEmpty()) throw new IOException(source + " holds no WARC records");
        } catch (org.netpreserve.jwarc.ParsingException e) {
            throw new IOException(source + " is not a readable WARC file: " + e.getMessage(), e);
        }
        String stored = "IMPORTED-" + NAME_TIME.format(clock.instant()) + "-" + name;
        Path target = layout.warc(stored);
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        cdxj.rebuild(target);
        Map<Long, CdxjEntry> entries = new HashMap<>();
        for (CdxjEntry e : cdxj.entriesOf(stored)) entries.put(e.offset(), e);
        List<Snapshot> created = new ArrayList<>();
        try (WarcReader reader = new WarcReader(target)) {
            for (WarcRecord record : reader) {
                if (!(record instanceof WarcResponse) && !(record instanceof WarcRevisit)) continue;
                CdxjEntry entry = entries.get(record.position());
                if (entry == null) continue; // not an HTTP capture (e.g. DNS): nothing to replay
                Optional<Snapshot> s = snapshotOf((WarcTargetRecord) record, entry, stored);
                s.ifPresent(created::add);
            }
        }
        return created;
    }

    private Optional<Snapshot> snapshotOf(WarcTargetRecord record, CdxjEntry entry, String file) throws IOException {
        NormalizedUrl url;
        try {
            url = normalizer.normalize(record.target());
        } catch (InvalidInputException e) {
            return Optional.empty(); // a non-HTTP target
        }
        HttpResponse http = record instanceof WarcResponse r ? r.http() : ((WarcRevisit) record).http();
        String id = record.id().toString().startsWith("urn:uuid:") ? record.id().toString().substring(9) : UUID.randomUUID().toString();
        String captureId = UUID.randomUUID().toString();
        Optional<Snapshot> previous = snapshots.latest(url.surt(), url.url());
        String digest = entry.digest();
        ChangeKind change = previous.isEmpty() ? ChangeKind.NEW
                : previous.get().payloadDigest().equals(digest) ? ChangeKind.UNCHANGED : ChangeKind.CHANGED;
        String refersTo = null;
        if (record instanceof WarcRevisit revisit) {
            refersTo = revisit.refersTo().map(u -> u.toString().replaceFirst("^<?urn:uuid:", "").replace(">", "")).orElse(null);
        }
        Snapshot snapshot = new Snapshot(id, captureId, 0, url.url(), url.surt(), entry.timestamp(), record.date(), http.status(),
                http.headers().first("Content-Type").orElse(null), digest, change, record instanceof WarcRevisit ? "revisit" : "response",
                refersTo, record.truncated() == org.netpreserve.jwarc.WarcTruncationReason.NOT_TRUNCATED ? null : record.truncated().name().toLowerCase(),
                file, entry.offset(), entry.length());
        captures.insertAll(List.of(new CaptureStore.NewCapture(captureId, url.url(), url.surt(), Map.of("imported-from", file), null, "import")));
        captures.settle(captureId, CaptureStatus.ARCHIVED, List.of(snapshot), id, null, 0);
        return Optional.of(snapshot);
    }
}
